//! Words of the street maps (route and fleet), their setup problems and
//! the tiles kept for offline use.

catalogue! {
    pub enum MapText {
        RouteMapLabel => "Route map" | "Mapa de la ruta",
        FleetMapLabel => "Map of drivers" | "Mapa de conductores",
        RouteHint => "Drag or use the arrow keys to move the map; pinch, the wheel or + and − to zoom. Tap a stop to select it." | "Arrastre o use las flechas para mover el mapa; pellizque, use la rueda o + y − para acercar o alejar. Toque una parada para seleccionarla.",
        FleetHint => "Drag or use the arrow keys to move the map; the wheel or + and − to zoom. A number is several drivers: select it to zoom in." | "Arrastre o use las flechas para mover el mapa; la rueda o + y − para acercar o alejar. Un número son varios conductores: selecciónelo para acercar.",
        ZoomIn => "Zoom in" | "Acercar",
        ZoomOut => "Zoom out" | "Alejar",
        FitStops => "Show the stops left" | "Mostrar las paradas pendientes",
        FitDrivers => "Show every driver" | "Mostrar todos los conductores",
        TilesMissing => "The map's tiles could not be loaded here; the stops and the route line are still right." | "No se pudieron cargar las imágenes del mapa aquí; las paradas y la línea de la ruta siguen siendo correctas.",
        MapNotLoaded => "The map could not be loaded (no connection?), so the route sketch is shown instead." | "No se pudo cargar el mapa (¿sin conexión?), así que se muestra el esquema de la ruta.",
        FleetMapNotLoaded => "The map could not be loaded (no connection?)." | "No se pudo cargar el mapa (¿sin conexión?).",
        TryMapAgain => "Try the map again" | "Intentar de nuevo con el mapa",
        SetupNotAnObject => "\"map\" must be an object with \"tiles\" and \"attribution\"" | "\"map\" debe ser un objeto con \"tiles\" y \"attribution\"",
        SetupMissingTiles => "\"map.tiles\" is missing" | "falta \"map.tiles\"",
        SetupMissingAttribution => "\"map.attribution\" is missing: the tile provider's credit line must be shown on the map" | "falta \"map.attribution\": el crédito del proveedor de las imágenes debe verse en el mapa",
        FailUnreachable => "the tile server did not answer, or does not let this site store its tiles" | "el servidor de imágenes no respondió o no permite que este sitio guarde sus imágenes",
        FailNotImage => "the tile server did not send images" | "el servidor de imágenes no envió imágenes",
        FailNoStorage => "this browser does not let Roadbook store files" | "este navegador no permite que Roadbook guarde archivos",
        FailFull => "the phone's storage for this site is full" | "el almacenamiento del teléfono para este sitio está lleno",
        MarkerOnRoute => "on route" | "en ruta",
        MarkerSignedOut => "signed out" | "sin sesión",
        MarkerUnreachable => "unreachable" | "sin contacto",
        MarkerFinished => "finished" | "terminó",
        MarkerUnknown => "state unknown" | "estado desconocido",
        OnMapNone => "None of these drivers has a known position." | "Ninguno de estos conductores tiene una posición conocida.",
        KeyGroup => "Several drivers" | "Varios conductores",
    }
    /// The sentences, each with the values its placeholders name.
    pub enum MapFill {
        TilesBlocked { origin } => "This site's security policy blocks the map's tiles from {origin}: the operator must allow that address (docs/deploy.md). The stops and the route line are still right." | "La política de seguridad de este sitio bloquea las imágenes del mapa de {origin}: el operador debe permitir esa dirección (docs/deploy.md). Las paradas y la línea de la ruta siguen siendo correctas.",
        SetupProblem { problem } => "The map is not set up correctly ({problem}), so the route sketch is shown instead." | "El mapa no está bien configurado ({problem}), así que se muestra el esquema de la ruta.",
        FleetSetupProblem { problem } => "The map is not set up correctly ({problem}), so it is not shown." | "El mapa no está bien configurado ({problem}), así que no se muestra.",
        SetupTilesNotAllowed { value } => "\"map.tiles\" must be an https:// address or a path on this site, not {value}" | "\"map.tiles\" debe ser una dirección https:// o una ruta de este sitio, no {value}",
        SetupTilesMissing { missing } => "\"map.tiles\" must contain the z, x and y placeholders, each in braces; {missing} is missing" | "\"map.tiles\" debe contener los marcadores z, x e y, cada uno entre llaves; falta {missing}",
        SetupTilesUnknown { unknown } => "\"map.tiles\" contains {unknown}, which Roadbook does not fill (only z, x and y, each in braces)" | "\"map.tiles\" contiene {unknown}, que Roadbook no rellena (solo z, x e y, cada uno entre llaves)",
        SetupMaxZoom { value } => "\"map.max_zoom\" must be a whole number from 1 to 22, not {value}" | "\"map.max_zoom\" debe ser un número entero del 1 al 22, no {value}",
        SetupOfflineTiles { value } => "\"map.offline_tiles\" must be true or false, not {value}" | "\"map.offline_tiles\" debe ser true o false, no {value}",
        OfflineSaving { done, total } => "Saving the map for offline use: {done} of {total} tiles…" | "Guardando el mapa para usarlo sin conexión: {done} de {total} imágenes…",
        OfflineSaved { tiles, size } => "Map saved for offline use: {tiles} tiles ({size})." | "Mapa guardado para usarlo sin conexión: {tiles} imágenes ({size}).",
        OfflineSavedSome { tiles, size, wanted } => "Map saved for offline use: the {tiles} most useful tiles ({size}), {tiles} of the {wanted} around your stops, as many as this phone keeps; the rest need a connection." | "Mapa guardado para usarlo sin conexión: las {tiles} imágenes más útiles ({size}), {tiles} de las {wanted} alrededor de sus paradas, tantas como guarda este teléfono; el resto necesita conexión.",
        OfflineFailed { reason, tiles } => "The map could not be saved for offline use ({reason}); {tiles} tiles are saved. Roadbook tries again when the phone is back online." | "No se pudo guardar el mapa para usarlo sin conexión ({reason}); hay {tiles} imágenes guardadas. Roadbook lo intenta de nuevo cuando el teléfono vuelva a tener conexión.",
        FailRefused { status } => "the tile server answered {status}" | "el servidor de imágenes respondió {status}",
        DriverMarker { name, state } => "{name}, {state}" | "{name}, {state}",
        GroupLabel { count, states } => "{count} drivers here: {states}. Zoom in" | "{count} conductores aquí: {states}. Acercar",
        GroupState { n, state } => "{n} {state}" | "{n} {state}",
        OnMapAll { n } => "{n} driver on the map." / "{n} drivers on the map." | "{n} conductor en el mapa." / "{n} conductores en el mapa.",
        OnMapSome { shown, total, missing } => "{shown} of {total} drivers on the map; {missing} without a known position." | "{shown} de {total} conductores en el mapa; {missing} sin posición conocida.",
    }
}
