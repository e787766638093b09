// The dispatcher's flows in Spanish (browser language es-MX): fleet table,
// sorting and filtering, one driver with export, print and the share link,
// a driver's Share screen and Import on a phone — every word on those
// screens in Spanish, numbers and times in the Spanish style.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import { expectFleetFilteredBy, fleetProgress } from "./helpers.js";

const desktop = { viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "es-MX" };

test.use({ locale: "es-MX", ...desktop });

const shots = "e2e/artifacts";
const rows = (page) => page.locator(".fleet-table tbody tr");

// The sign-in screen belongs to another part of the translation, so it is
// driven through ids and the submit button, not its words.
async function signIn(page, username) {
  await page.goto("./");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill("roadbook");
  await page.locator('form button[type="submit"]').click();
}

function watchErrors(page) {
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  return problems;
}

// English words and phrases these screens used to show. Matched as whole
// words, case-sensitively where a Spanish word could contain them.
const ENGLISH = [
  "Fleet", "Import", "Driver", "drivers", "Sort", "Filter", "Delivered", "Attempted", "Remaining",
  "Progress", "Showing", "Updated", "Last seen", "Next stop", "Flags", "On route", "Signed out",
  "Unreachable", "Finished", "Behind schedule", "Sign-in failing", "just now", "ago", "unknown",
  "Find a driver", "All", "Loading", "Save as a file", "Download", "Print", "Share", "Link", "Copy",
  "characters", "stops", "packages", "Packages", "Stops", "Address", "Window", "Done", "manifest",
  "Manifest", "From a file", "From a link", "Paste", "Open link", "Check before", "Block", "Made at",
  "Use this", "Cancel", "Nothing", "line", "cells", "header", "could not", "Demo controls",
  "Working normally", "Large fleet", "the", "and", "of", "is", "not",
];

/** The English words found in the visible text of `locator`. */
async function englishIn(locator) {
  // File names ("manifest-D-1002-2026-11-25.json") are data, not words.
  const text = (await locator.allInnerTexts()).join("\n").replace(/manifest-[\w.-]+/g, "");
  return ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, "u").test(text));
}

async function noAxeViolations(page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target).join(" ")}`)).toEqual([]);
}

test("fleet in Spanish: headers, states, sorting, filtering, no English left", async ({ page }) => {
  const problems = watchErrors(page);
  await signIn(page, "dispatch");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Flota" })).toBeVisible();
  await expect(rows(page)).toHaveCount(25);
  await expect(page.locator(".fleet-status .updated")).toContainText(/Actualizado a las \d{1,2}:\d\d/);

  // Column headers and state filters in Spanish.
  await expect(page.locator(".fleet-table thead button.sort")).toHaveText([
    /^Conductor/, /^Estado/, /^Último contacto/, /^Avance/, /^Próxima parada/, /^Alertas/,
  ]);
  await expect(page.locator("button.state-filter .label")).toHaveText(["Todos", "En ruta", "Sin sesión", "Sin contacto", "Terminó"]);
  await expect(page.getByRole("group", { name: "Filtrar por estado" })).toBeVisible();
  await expect(page.locator(".shown [role=status]")).toHaveText("25 conductores");
  const pills = new Set(await page.locator(".fleet-table .pill").allInnerTexts());
  for (const p of pills) expect(["En ruta", "Sin sesión", "Sin contacto", "Terminó"]).toContain(p);
  // "hace 3 min", "hace 1 h 5 min", "hace un momento".
  for (const t of await page.locator(".col-last_seen time").allInnerTexts()) expect(t).toMatch(/^hace /);

  // Sort by progress through its Spanish header, both ways.
  const progress = page.getByRole("button", { name: /^Avance/ });
  await progress.click();
  await expect(page).toHaveURL(/sort=progress&dir=asc/);
  await expect(page.locator("th.col-progress")).toHaveAttribute("aria-sort", "ascending");
  const fractions = () => fleetProgress(page);
  let f = await fractions();
  expect(f).toEqual([...f].sort((a, b) => a - b));
  await progress.click();
  await expect(page.locator("th.col-progress")).toHaveAttribute("aria-sort", "descending");
  f = await fractions();
  expect(f).toEqual([...f].sort((a, b) => b - a));

  // Filter by text through the Spanish label.
  const name = (await rows(page).nth(1).locator(".driver-link").textContent()).trim();
  const part = name.split(" ").at(-1).slice(0, 4);
  await page.getByLabel("Buscar conductor, ID de conductor o calle").fill(part);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(part)}`));
  const shown = await rows(page).count();
  expect(shown).toBeGreaterThan(0);
  if (shown < 25) await expect(page.locator(".shown [role=status]")).toHaveText(`Se muestran ${shown} de 25 conductores`);
  await expectFleetFilteredBy(page, part);
  await page.getByLabel("Buscar conductor, ID de conductor o calle").fill("zz-nadie");
  await expect(page.getByText("Ningún conductor coincide con este filtro.")).toBeVisible();
  await page.getByLabel("Buscar conductor, ID de conductor o calle").fill("");
  await expect(rows(page)).toHaveCount(25);

  // The demo controls too.
  await page.locator(".demo-panel summary").click();
  await expect(page.locator(".demo-panel summary")).toHaveText("Controles de la demo");
  await expect(page.locator("#demo-fault option[value='503']")).toHaveText("503 Caída (código 03-005)");

  expect(await englishIn(page.locator("main"))).toEqual([]);
  expect(await englishIn(page.locator(".demo-panel"))).toEqual([]);
  await page.locator(".demo-panel summary").click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/i18n-fleet-es-desktop.png` });
  await noAxeViolations(page);

  // Phone size: the same screen, longer Spanish words and all.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(rows(page)).toHaveCount(25);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/i18n-fleet-es-phone.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(problems).toEqual([]);
});

test("fleet outage in Spanish keeps the saved fleet and says so", async ({ page }) => {
  await signIn(page, "dispatch");
  await expect(rows(page)).toHaveCount(25);
  await page.locator(".demo-panel summary").click();
  await page.locator("#demo-fault").selectOption("503");
  await page.reload();
  await expect(rows(page)).toHaveCount(25);
  const guidance = page.locator(".fleet-status .guidance");
  await expect(guidance.locator(".banner-line")).toContainText("Vista de la flota sin actualizar");
  await expect(guidance).toContainText("La vista de la flota guardada a las");
  await expect(guidance.getByRole("button", { name: "Intentar ahora" })).toBeVisible();
  await expect(page.locator(".fleet-status .updated")).toContainText(/Se muestra la flota guardada a las \d{1,2}:\d\d \(hace /);
  await page.screenshot({ path: `${shots}/i18n-fleet-outage-es-desktop.png` });
});

test("one driver, export, print and the link, then import on a phone, all in Spanish", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const problems = watchErrors(page);
  await signIn(page, "dispatch");
  await expect(rows(page)).toHaveCount(25);
  const target = rows(page).filter({ hasNot: page.locator('[data-driver="D-1001"]') }).nth(0);
  const driverName = (await target.locator(".driver-link").textContent()).trim();
  await target.locator(".driver-link").click();
  await expect(page.getByRole("heading", { level: 1, name: driverName })).toBeVisible();
  await expect(page.locator("article.stop").first()).toBeVisible();

  await expect(page.getByRole("button", { name: "← Todos los conductores" })).toBeVisible();
  await expect(page.locator(".driver-facts")).toContainText("último contacto hace");
  await expect(page.locator(".manifest-summary .saved-line")).toContainText(/ · bloque .+ · manifiesto /);
  await expect(page.locator(".manifest-summary dt")).toHaveText(["Entregados", "Intentados", "Pendientes", "Paquetes", "Paradas"]);
  await expect(page.getByRole("heading", { name: "Guardar como archivo" })).toBeVisible();
  await expect(page.locator("button[data-export]")).toHaveText(["Descargar JSON", "Descargar CSV", "Descargar GPX", "Imprimir"]);
  await expect(page.getByRole("heading", { name: "Compartir como enlace" })).toBeVisible();
  await expect(page.locator(".link-length")).toHaveText(/^[\d.\s]+ caracteres$/);
  await expect(page.getByRole("button", { name: "Copiar enlace" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Paradas (solo lectura)" })).toBeVisible();
  // Stop cards belong to the driver's screens; the rest of the page is ours.
  for (const part of [".driver-detail > .back", ".driver-facts", ".manifest-summary", ".handoff"]) {
    expect(await englishIn(page.locator(part)), part).toEqual([]);
  }
  await page.screenshot({ path: `${shots}/i18n-driver-detail-es-desktop.png` });
  await noAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator('button[data-export="json"]').click()]);
  const json = `${shots}/exports/es/${download.suggestedFilename()}`;
  await download.saveAs(json);
  await expect(page.locator(".export-note")).toHaveText(`Se guardó ${download.suggestedFilename()} en sus descargas.`);
  const link = await page.locator("#share-link-text").inputValue();
  const stops = Number(await page.locator('.manifest-summary [data-count="stops"]').textContent());

  // The print view: Spanish headings and counts.
  await page.getByLabel("Mostrar la vista de impresión en pantalla").check();
  await expect(page.locator(".print-table thead th")).toHaveText(["#", "Dirección", "Horario", "Paquetes", "Hecho"]);
  await expect(page.locator(".print-title")).toContainText(new RegExp(`${stops} paradas?, \\d+ paquetes?`));
  expect(await englishIn(page.locator(".print-title, .print-table thead"))).toEqual([]);
  await page.locator(".print-view").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/i18n-print-es-desktop.png` });

  // A phone in Spanish, nobody signed in: Import.
  const ctx = await browser.newContext(phone);
  const p2 = await ctx.newPage();
  const p2problems = watchErrors(p2);
  await p2.goto("./import");
  await expect(p2.getByRole("heading", { level: 1, name: "Importar un manifiesto" })).toBeVisible();
  await expect(p2.getByRole("heading", { name: "Desde un archivo" })).toBeVisible();
  await expect(p2.getByLabel("Archivo del manifiesto (JSON o CSV)")).toBeVisible();
  await expect(p2.getByLabel("Pegue el enlace que recibió")).toBeVisible();
  expect(await englishIn(p2.locator("main"))).toEqual([]);
  await p2.screenshot({ path: `${shots}/i18n-import-es-phone.png`, fullPage: true });
  expect(await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  await p2.locator("#import-file").setInputFiles(json);
  await expect(p2.getByRole("heading", { name: "Revise antes de importar" })).toBeVisible();
  await expect(p2.locator(".preview-facts dt")).toHaveText(["Conductor", "Bloque", "Paradas", "Paquetes", "Creado"]);
  await expect(p2.locator('[data-preview="driver"]')).toContainText(driverName);
  await expect(p2.locator('[data-preview="stops"]')).toHaveText(String(stops));
  await expect(p2.locator(".import-preview .hint").first()).toHaveText(`Del archivo ${download.suggestedFilename()}`);
  await expect(p2.locator('button[data-confirm="import"]')).toHaveText("Usar este manifiesto");
  expect(await englishIn(p2.locator("main"))).toEqual([]);
  await p2.screenshot({ path: `${shots}/i18n-import-preview-es-phone.png`, fullPage: true });
  await noAxeViolations(p2);
  await p2.getByRole("button", { name: "Cancelar" }).click();

  // A damaged CSV: the problems in Spanish.
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator('button[data-export="csv"]').click()]);
  const csvPath = `${shots}/exports/es/${csvDownload.suggestedFilename()}`;
  await csvDownload.saveAs(csvPath);
  const lines = fs.readFileSync(csvPath, "utf8").split(/\r?\n/);
  lines[2] = lines[2] + ",sobrante";
  fs.writeFileSync(`${shots}/danado.csv`, lines.join("\r\n"));
  await p2.locator("#import-file").setInputFiles(`${shots}/danado.csv`);
  const errors = p2.locator(".import-errors");
  await expect(errors).toContainText("No se pudo importar danado.csv");
  await expect(errors).toContainText(/la línea 3 tiene \d+ celdas, pero el encabezado tiene \d+/);
  await expect(errors).toContainText("No se importó nada.");
  expect(await englishIn(errors)).toEqual([]);

  // A cut-off link, pasted.
  await p2.getByLabel("Pegue el enlace que recibió").fill(link.slice(0, link.length - 7));
  await p2.getByRole("button", { name: "Abrir enlace" }).click();
  await expect(errors).toContainText("No se pudo abrir este enlace");
  await expect(errors).toContainText(/dañado|cortado/);
  expect(await englishIn(errors)).toEqual([]);

  // The link itself opens the preview in Spanish.
  await p2.goto(link);
  await expect(p2.getByRole("heading", { name: "Revise antes de importar" })).toBeVisible();
  await expect(p2.locator(".import-preview .hint").first()).toHaveText("De un enlace compartido");
  await p2.locator('button[data-confirm="import"]').click();
  await expect(p2.locator("li.package").first()).toBeVisible();

  // Another driver's manifest over it: the second confirmation in Spanish.
  await page.getByRole("button", { name: "← Todos los conductores" }).click();
  const other = rows(page).filter({ hasNot: page.locator('[data-driver="D-1001"]') }).nth(2);
  const otherName = (await other.locator(".driver-link").textContent()).trim();
  await other.locator(".driver-link").click();
  await expect(page.getByRole("heading", { level: 1, name: otherName })).toBeVisible();
  const [otherDownload] = await Promise.all([page.waitForEvent("download"), page.locator('button[data-export="json"]').click()]);
  const otherPath = `${shots}/exports/es/other/${otherDownload.suggestedFilename()}`;
  await otherDownload.saveAs(otherPath);
  await p2.goto("./import");
  await p2.locator("#import-file").setInputFiles(otherPath);
  await expect(p2.locator(".import-preview .notice.warn")).toContainText(`Este manifiesto es para ${otherName}`);
  await expect(p2.locator(".import-preview .notice.warn")).toContainText(`Importar reemplaza el manifiesto de ${driverName} para `);
  await expect(p2.locator('button[data-confirm="import"]')).toHaveText("Usar este manifiesto…");
  await p2.locator('button[data-confirm="import"]').click();
  const second = p2.locator(".second-confirm");
  await expect(second).toContainText("¿Reemplazar el manifiesto de este teléfono?");
  expect(await englishIn(p2.locator("main"))).toEqual([]);
  await p2.screenshot({ path: `${shots}/i18n-import-second-confirm-es-phone.png` });
  await second.getByRole("button", { name: "No, conservar el mío" }).click();
  await p2.locator('button[data-confirm="import"]').click();
  await p2.getByRole("button", { name: "Sí, reemplazarlo" }).click();
  await expect(p2.locator(".saved-line")).toContainText(otherName);

  expect(p2problems).toEqual([]);
  await ctx.close();
  expect(problems).toEqual([]);
});

test("import screen at desktop size and the driver's share screen on a phone, in Spanish", async ({ page, browser }) => {
  await page.goto("./import");
  await expect(page.getByRole("heading", { level: 1, name: "Importar un manifiesto" })).toBeVisible();
  expect(await englishIn(page.locator("main"))).toEqual([]);
  await page.screenshot({ path: `${shots}/i18n-import-es-desktop.png` });

  const ctx = await browser.newContext(phone);
  const p = await ctx.newPage();
  const problems = watchErrors(p);
  await signIn(p, "driver");
  await expect(p.locator("li.package").first()).toBeVisible();
  await p.goto("./share");
  await expect(p.getByRole("heading", { level: 1, name: "Compartir manifiesto" })).toBeVisible();
  await expect(p.locator(".share .lead")).toHaveText(/ · \d+ paradas, \d+ paquetes$/);
  await expect(p.locator("#share-link-text")).toHaveValue(/#import=1\./);
  expect(await englishIn(p.locator("main"))).toEqual([]);
  await p.screenshot({ path: `${shots}/i18n-share-es-phone.png`, fullPage: true });
  expect(problems).toEqual([]);
  await ctx.close();
});
