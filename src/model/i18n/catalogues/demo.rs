//! Words of the demo controls (only on a demo deploy).

catalogue! {
    pub enum DemoText {
        Controls => "Demo controls" | "Controles de la demo",
        Hint => "These change the simulated company system, not your phone." | "Cambian el sistema simulado de la empresa, no su teléfono.",
        MakeFail => "Make the system fail" | "Hacer fallar el sistema",
        WorkingNormally => "Working normally" | "Funciona con normalidad",
        For => "For" | "Afecta a",
        LargeFleet => "Large fleet (1,000 drivers)" | "Flota grande (1000 conductores)",
        LargeManifest => "Large manifest (3,000 packages, next download)" | "Manifiesto grande (3000 paquetes, en la próxima descarga)",
        FaultOffline => "Device offline" | "Dispositivo sin conexión",
        FaultUnreachable => "Server unreachable" | "Servidor inaccesible",
        FaultTimeout => "Timeout" | "Tiempo de espera agotado",
        FaultUnauthorized => "401 Wrong password" | "401 Contraseña incorrecta",
        FaultForbidden => "403 Account problem" | "403 Problema con la cuenta",
        FaultLocked => "423 Account locked" | "423 Cuenta bloqueada",
        FaultTooManyRequests => "429 Too many attempts" | "429 Demasiados intentos",
        FaultServerError => "500 Server error" | "500 Error del servidor",
        FaultBadGatewayHtml => "502 HTML error page" | "502 Página de error HTML",
        FaultUnavailable => "503 Outage (code 03-005)" | "503 Caída (código 03-005)",
        FaultMalformedJson => "Malformed JSON" | "JSON mal formado",
        FaultTruncatedJson => "Truncated JSON" | "JSON cortado",
        FaultWrongSchema => "Wrong schema" | "Esquema incorrecto",
        ScopeEverything => "everything" | "todo",
        ScopeSignIn => "sign-in" | "inicio de sesión",
        ScopeManifest => "manifest" | "manifiesto",
        ScopeEvents => "events" | "eventos",
        ScopeFleet => "fleet" | "flota",
    }
}
