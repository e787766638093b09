//! The operator's tile address: an XYZ template such as
//! `https://tiles.example.com/{z}/{x}/{y}.png` or a path on the app's own
//! site (`/tiles/{z}/{x}/{y}.png`), checked once and filled per tile.

use super::tiles::TileId;

/// What is wrong with a tile address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TileUrlProblem {
    Empty,
    /// Not https, a path on this site, or http to this device.
    NotAllowed,
    /// `{z}`, `{x}` or `{y}` is not in it.
    Missing(&'static str),
    /// A `{…}` Roadbook does not fill (e.g. `{s}`), or a lone brace.
    Unknown(String),
}

/// A checked tile address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TileUrl(String);

const PLACES: [&str; 3] = ["{z}", "{x}", "{y}"];

/// Longer than any real template; a longer one is a mistake.
const MAX_LEN: usize = 2_000;

impl TileUrl {
    pub fn parse(text: &str) -> Result<TileUrl, TileUrlProblem> {
        let t = text.trim();
        if t.is_empty() {
            return Err(TileUrlProblem::Empty);
        }
        if t.len() > MAX_LEN || !address_allowed(t) {
            return Err(TileUrlProblem::NotAllowed);
        }
        for p in PLACES {
            if !t.contains(p) {
                return Err(TileUrlProblem::Missing(p));
            }
        }
        // Every brace belongs to one of the three.
        let mut rest = t;
        while let Some(open) = rest.find(['{', '}']) {
            let tail = &rest[open..];
            match PLACES.iter().find(|p| tail.starts_with(**p)) {
                Some(p) => rest = &tail[p.len()..],
                None => {
                    let shown: String = match tail.find('}') {
                        Some(close) if tail.starts_with('{') => {
                            tail[..=close].chars().take(40).collect()
                        }
                        _ => tail.chars().take(1).collect(),
                    };
                    return Err(TileUrlProblem::Unknown(shown));
                }
            }
        }
        Ok(TileUrl(t.to_string()))
    }

    /// The address of one tile.
    pub fn fill(&self, t: TileId) -> String {
        self.0
            .replace("{z}", &t.z.to_string())
            .replace("{x}", &t.x.to_string())
            .replace("{y}", &t.y.to_string())
    }

    /// The template as the operator wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The tile server's origin (`https://tiles.example.com`) when it is
    /// another site, which the Content-Security-Policy must allow; `None`
    /// for a path on this site.
    pub fn origin(&self) -> Option<&str> {
        let (scheme, rest) = self.0.split_once("://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        Some(&self.0[..scheme.len() + 3 + end])
    }
}

/// An https address, a path on this site (`/x`, `./x`, `../x`; not `//x`,
/// which is another site), or plain http only to this device, for a tile
/// server run next to the app while developing. The same rule as every
/// other address in config.json.
fn address_allowed(url: &str) -> bool {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        || url.starts_with("//")
    {
        return false;
    }
    if url.starts_with('/') || url.starts_with("./") || url.starts_with("../") {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    let host = |rest: &str| -> String {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        if host_port.starts_with('[') {
            host_port
                .find(']')
                .map(|e| host_port[..=e].to_string())
                .unwrap_or_default()
        } else {
            host_port.split(':').next().unwrap_or("").to_string()
        }
    };
    if let Some(rest) = lower.strip_prefix("https://") {
        return !host(rest).is_empty();
    }
    if let Some(rest) = lower.strip_prefix("http://") {
        return matches!(host(rest).as_str(), "localhost" | "127.0.0.1" | "[::1]");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_each_tile() {
        let u = TileUrl::parse(" https://tiles.example.com/osm/{z}/{x}/{y}.png?key=abc ").unwrap();
        assert_eq!(
            u.fill(TileId {
                z: 16,
                x: 10436,
                y: 23442
            }),
            "https://tiles.example.com/osm/16/10436/23442.png?key=abc"
        );
        assert_eq!(u.origin(), Some("https://tiles.example.com"));
        let p = TileUrl::parse("/tiles/{z}/{y}/{x}@2x.png").unwrap();
        assert_eq!(p.fill(TileId { z: 3, x: 1, y: 2 }), "/tiles/3/2/1@2x.png");
        assert_eq!(p.origin(), None);
        let dev = TileUrl::parse("http://localhost:8081/{z}/{x}/{y}.png").unwrap();
        assert_eq!(dev.origin(), Some("http://localhost:8081"));
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        use TileUrlProblem as P;
        assert_eq!(TileUrl::parse("  "), Err(P::Empty));
        for bad in [
            "http://tiles.example.com/{z}/{x}/{y}.png",
            "//tiles.example.com/{z}/{x}/{y}.png",
            "javascript:alert(1)//{z}/{x}/{y}",
            "data:image/png;base64,{z}{x}{y}",
            "tiles.example.com/{z}/{x}/{y}.png",
            "https://tiles.example.com/{z}/{x}/ {y}.png",
            "http://localhost.evil.example/{z}/{x}/{y}.png",
        ] {
            assert_eq!(TileUrl::parse(bad), Err(P::NotAllowed), "{bad}");
        }
        assert_eq!(
            TileUrl::parse("https://t.example.com/{z}/{x}.png"),
            Err(P::Missing("{y}"))
        );
        assert_eq!(
            TileUrl::parse("https://{s}.t.example.com/{z}/{x}/{y}.png"),
            Err(P::Unknown("{s}".into()))
        );
        assert_eq!(
            TileUrl::parse("https://t.example.com/{z}/{x}/{y}.png}"),
            Err(P::Unknown("}".into()))
        );
        assert_eq!(
            TileUrl::parse(&format!(
                "https://t.example.com/{}/{{z}}/{{x}}/{{y}}",
                "a".repeat(2_000)
            )),
            Err(P::NotAllowed)
        );
    }
}
