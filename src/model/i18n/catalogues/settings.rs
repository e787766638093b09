//! Words of the settings screen: saved data, unsent marks, sign-out.

catalogue! {
    pub enum SettingsText {
        Title => "Settings" | "Ajustes",
        LanguageTitle => "Language" | "Idioma",
        StorageTitle => "Saved data on this phone" | "Datos guardados en este teléfono",
        Persistent => "Kept: the browser will not clear Roadbook's saved data on its own." | "Conservados: el navegador no borrará por su cuenta los datos guardados de Roadbook.",
        BestEffort => "Not guaranteed: the browser may clear saved data when the phone runs low on space. Add Roadbook to your home screen to keep it safer." | "Sin garantía: el navegador puede borrar los datos guardados si el teléfono se queda sin espacio. Añada Roadbook a la pantalla de inicio para protegerlos mejor.",
        Unsupported => "This browser does not say whether it keeps saved data." | "Este navegador no indica si conserva los datos guardados.",
        Checking => "Checking…" | "Comprobando…",
        AskToKeep => "Ask the browser to keep it" | "Pedir al navegador que los conserve",
        UnsentTitle => "Marks not sent yet" | "Marcas aún sin enviar",
        KindDelivered => "delivered" | "entregado",
        KindAttempted => "attempted" | "intentado",
        KindUndo => "undo" | "deshacer",
        PositionTitle => "Your position on marks" | "Su posición en las marcas",
        PositionExplain => "When you have allowed Roadbook to use this phone's location, each delivery mark stores where the phone was when you made it, and the company's system receives it with the mark." | "Si permitió a Roadbook usar la ubicación de este teléfono, cada marca de entrega guarda dónde estaba el teléfono al hacerla, y el sistema de la empresa la recibe con la marca.",
        PositionToggle => "Store my position with each mark" | "Guardar mi posición con cada marca",
        PositionOff => "Off: new marks carry no position. The Route screen can still show how far the next stop is; that stays on this phone." | "Desactivado: las marcas nuevas no llevan posición. La pantalla Ruta puede seguir mostrando a qué distancia está la próxima parada; eso se queda en este teléfono.",
        SignOutTitle => "Sign out" | "Cerrar sesión",
        SignOutWarning => "Signing out deletes everything personal Roadbook saved on this phone: the manifest, your marks and your name." | "Cerrar la sesión borra de este teléfono todo lo personal que Roadbook guardó: el manifiesto, sus marcas y su nombre.",
        SignOut => "Sign out" | "Cerrar sesión",
        KeepThem => "Keep them, stay signed in" | "Conservarlas y seguir con la sesión",
        UnreadableKept => "Some delivery marks saved on this phone could not be read. A copy is kept aside for driver support: download it and send it to them." | "No se pudieron leer algunas marcas de entrega guardadas en este teléfono. Se guarda aparte una copia para el soporte a conductores: descárguela y envíesela.",
        UnreadableGoesAtSignOut => "It is deleted when you sign out." | "Se borra al cerrar la sesión.",
        UnreadableDownload => "Download the unreadable marks" | "Descargar las marcas ilegibles",
        UnreadableBeforeSignOut => "Signing out deletes the copy of delivery marks that could not be read. Download it for driver support first." | "Cerrar la sesión borra la copia de las marcas de entrega que no se pudieron leer. Descárguela antes para el soporte a conductores.",
        SignOutAndDelete => "Sign out and delete them" | "Cerrar sesión y borrarlas",
    }
    /// The sentences, each with the values its placeholders name.
    pub enum SettingsFill {
        Usage { used, quota } => "Using {used} MB of {quota} MB available." | "Se usan {used} MB de {quota} MB disponibles.",
        UnsentCount { n } => "{n} mark(s) are saved on this phone and waiting to be sent." | "{n} marca(s) guardadas en este teléfono esperan para enviarse.",
        Stuck { package, kind, tries, why } => "{package}: {kind} — tried {tries} times. Last answer: {why}" | "{package}: {kind} — {tries} intentos. Última respuesta: {why}",
        ConfirmLoss { n } => "{n} mark(s) have not reached the company's system yet. Signing out now deletes them for good." | "{n} marca(s) aún no han llegado al sistema de la empresa. Si cierra la sesión ahora, se borrarán para siempre.",
        UnreadableGoes { when } => "It is deleted when you sign out, or on its own on {when}." | "Se borra al cerrar la sesión, o por sí sola el {when}.",
        UnreadableNotSaved { detail } => "The download did not start ({detail})." | "La descarga no empezó ({detail}).",
        RetentionPurged { hours } => "Your last manifest and your sign-in were removed from this phone: its block ended more than {hours} hours ago, and your company keeps personal data no longer than that." | "Su último manifiesto y su sesión se borraron de este teléfono: su bloque terminó hace más de {hours} horas, y su empresa no conserva los datos personales más tiempo.",
        UnsentKept { n } => "1 mark made on this phone has not reached the company's system yet. It is kept here and sent once you sign in." / "{n} marks made on this phone have not reached the company's system yet. They are kept here and sent once you sign in." | "1 marca hecha en este teléfono aún no ha llegado al sistema de la empresa. Se conserva aquí y se envía cuando inicie sesión." / "{n} marcas hechas en este teléfono aún no han llegado al sistema de la empresa. Se conservan aquí y se envían cuando inicie sesión.",
    }
}
