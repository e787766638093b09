//! Words of the sign-in screen.

catalogue! {
    pub enum SignInText {
        Title => "Sign in" | "Iniciar sesión",
        Username => "Username" | "Usuario",
        Password => "Password" | "Contraseña",
        Submit => "Sign in" | "Entrar",
        Starting => "Starting… you can type now" | "Iniciando… ya puede escribir",
        Busy => "Signing in…" | "Entrando…",
        EnterBoth => "Enter your username and password." | "Escriba su usuario y contraseña.",
        DemoAccounts => "Demo accounts" | "Cuentas de demostración",
        DemoIntro => "Demo mode — no real data. Accounts:" | "Modo demostración: sin datos reales. Cuentas:",
        DemoDriver => "Driver:" | "Conductor:",
        DemoDispatcher => "Dispatcher:" | "Despachador:",
        SignedOutElsewhere => "Roadbook was signed out in another tab on this phone, so this tab is signed out too. The saved manifest and marks were deleted from this phone." | "Se cerró la sesión de Roadbook en otra pestaña de este teléfono, así que esta pestaña también la ha cerrado. El manifiesto guardado y las marcas se borraron de este teléfono.",
    }
    /// The sentences, each with the values its placeholders name.
    pub enum SignInFill {
        NotRemembered { detail } => "Signed in, but this browser will not remember you ({detail})." | "Sesión iniciada, pero este navegador no le recordará ({detail}).",
    }
}
