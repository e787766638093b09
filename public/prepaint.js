// Runs before Roadbook's code has arrived (a small same-origin script, so
// the Content-Security-Policy needs no inline script). It paints what the
// app itself last drew, so a driver reloading offline or during an outage
// sees their manifest at once:
// - a snapshot of the app's own DOM, which the app saves (with the page
//   path, language and classes) whenever it shows the manifest or sign-in
//   (src/platform/snapshot.rs). Inert: nothing in it can be clicked or
//   focused, and the app replaces it in the same frame it first draws;
// - else, on a first visit at the start page in English, the sign-in frame
//   that index.html carries stays; for anyone else it is hidden, since it
//   would be the wrong screen or the wrong language.
// The snapshot is the driver's data: sign-out and retention delete it with
// the manifest. It is the app's own serialised DOM (text escaped by the
// browser); scripts, frames and event attributes are dropped all the same.
(function () {
  var root = document.documentElement;
  var hide = function () { root.classList.add("no-first-paint"); };
  // Typing into the sign-in frame must never submit it (as a GET, with the
  // password in the address): only the app signs in.
  document.addEventListener("submit", function (e) {
    if (e.target && e.target.closest && e.target.closest("#first-paint")) e.preventDefault();
  }, true);
  try {
    var here = location.pathname;
    var raw = localStorage.getItem("roadbook.snapshot.v1");
    var snap = raw && JSON.parse(raw);
    // Past the saved manifest's retention (the app removes it at start):
    // never painted.
    var current = snap && !(typeof snap.until === "number" && Date.now() >= snap.until);
    if (current && snap.v === 1 && snap.path === here && typeof snap.html === "string") {
      var t = document.createElement("template");
      t.innerHTML = snap.html;
      var bad = t.content.querySelectorAll("script, iframe, object, embed, link, meta, style, base, form[action]");
      for (var i = 0; i < bad.length; i++) bad[i].remove();
      var all = t.content.querySelectorAll("*");
      for (var j = 0; j < all.length; j++) {
        var attrs = all[j].attributes;
        for (var k = attrs.length - 1; k >= 0; k--) {
          var name = attrs[k].name.toLowerCase();
          var value = String(attrs[k].value).replace(/\s/g, "").toLowerCase();
          if (name.indexOf("on") === 0 || value.indexOf("javascript:") === 0) all[j].removeAttribute(attrs[k].name);
        }
      }
      // Styles go through the CSSOM (the policy allows no style attribute).
      var styled = t.content.querySelectorAll("[style], [data-style]");
      for (var n = 0; n < styled.length; n++) {
        var css = styled[n].getAttribute("data-style") || "";
        styled[n].removeAttribute("style");
        styled[n].removeAttribute("data-style");
        if (css) styled[n].style.cssText = css;
      }
      var host = document.createElement("div");
      host.id = "prepaint";
      host.setAttribute("inert", "");
      host.appendChild(t.content);
      document.body.insertBefore(host, document.currentScript ? document.currentScript.nextSibling : document.body.firstChild);
      if (snap.lang) root.lang = snap.lang;
      if (typeof snap.classes === "string") root.className = snap.classes;
      hide();
      return;
    }
    var signedIn = localStorage.getItem("roadbook.user.v1");
    var lang = localStorage.getItem("roadbook.locale") || (navigator.languages && navigator.languages[0]) || navigator.language || "en";
    var start = /\/(sign-in)?$/.test(here);
    if (signedIn || !start || lang.slice(0, 2).toLowerCase() !== "en") hide();
    if (localStorage.getItem("roadbook.contrast") === "high") root.classList.add("high-contrast");
  } catch (e) {
    // Storage blocked or a damaged snapshot: the app starts as usual.
  }
})();
