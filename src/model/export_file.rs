//! Names and types of the files a manifest is exported as.

use super::manifest::Manifest;

/// The export formats, with their file extension and MIME type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The contract's JSON, importable as is.
    Json,
    /// One row per package, importable, opens in a spreadsheet.
    Csv,
    /// Stops as waypoints for navigation apps (not importable).
    Gpx,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Json, ExportFormat::Csv, ExportFormat::Gpx];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Gpx => "gpx",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Json => "application/json",
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Gpx => "application/gpx+xml",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Json => "JSON",
            ExportFormat::Csv => "CSV",
            ExportFormat::Gpx => "GPX",
        }
    }
}

/// `manifest-D-1001-2026-11-25.csv`: the driver and the block's date, with
/// anything a file system might refuse replaced by `_`.
pub fn file_name(m: &Manifest, format: ExportFormat) -> String {
    let date: String = m.block.start.chars().take(10).collect();
    let mut stem = format!("manifest-{}-{}", m.driver.id, date);
    stem = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_end_matches(['-', '_']);
    format!("{stem}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::manifest::{Block, DriverRef};

    fn manifest(driver_id: &str, start: &str) -> Manifest {
        Manifest {
            schema: 1,
            id: "M-1".into(),
            generated_at: "2026-11-25T06:00:00-08:00".into(),
            driver: DriverRef {
                id: driver_id.into(),
                name: "Alex".into(),
            },
            block: Block {
                station: "PDX1".into(),
                start: start.into(),
                end: start.into(),
            },
            stops: vec![],
        }
    }

    #[test]
    fn names_carry_driver_and_date() {
        let m = manifest("D-1001", "2026-11-25T06:00:00-08:00");
        assert_eq!(
            file_name(&m, ExportFormat::Csv),
            "manifest-D-1001-2026-11-25.csv"
        );
        assert_eq!(ExportFormat::Gpx.mime(), "application/gpx+xml");
    }

    #[test]
    fn hostile_ids_become_safe_names() {
        let m = manifest("../é/<x>", "");
        let name = file_name(&m, ExportFormat::Json);
        assert_eq!(name, "manifest-______x.json");
        assert!(!name.contains('/') && !name.contains('<'));
    }
}
