// Stop cards off screen use `content-visibility: auto` (style/main.css): the
// browser skips their layout until they come near the screen, so axe would
// measure them with no geometry and report contrast and target-size faults
// that no driver can see. Before axe looks, lay every card out as it shows
// when scrolled to, so each one is checked as rendered. A constructed style
// sheet, not a <style> tag: the app's policy allows no inline style.
export async function renderAllCards(page) {
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(".stop { content-visibility: visible !important; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}
