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
        Usage => "Using {used} MB of {quota} MB available." | "Se usan {used} MB de {quota} MB disponibles.",
        UnsentTitle => "Marks not sent yet" | "Marcas aún sin enviar",
        UnsentCount => "{n} mark(s) are saved on this phone and waiting to be sent." | "{n} marca(s) guardadas en este teléfono esperan para enviarse.",
        Stuck => "{package}: {kind} — tried {tries} times. Last answer: {why}" | "{package}: {kind} — {tries} intentos. Última respuesta: {why}",
        KindDelivered => "delivered" | "entregado",
        KindAttempted => "attempted" | "intentado",
        KindUndo => "undo" | "deshacer",
        SignOutTitle => "Sign out" | "Cerrar sesión",
        SignOutWarning => "Signing out deletes the saved manifest and your marks from this phone." | "Cerrar la sesión borra de este teléfono el manifiesto guardado y sus marcas.",
        SignOut => "Sign out" | "Cerrar sesión",
        ConfirmLoss => "{n} mark(s) have not reached the company's system yet. Signing out now deletes them for good." | "{n} marca(s) aún no han llegado al sistema de la empresa. Si cierra la sesión ahora, se borrarán para siempre.",
        KeepThem => "Keep them, stay signed in" | "Conservarlas y seguir con la sesión",
        SignOutAndDelete => "Sign out and delete them" | "Cerrar sesión y borrarlas",
    }
}
