// The driver's day in Spanish: the language comes from the browser, can be
// switched in the app and is remembered; sign-in, search, marks with a
// reason, undo, the route hand-off and outage guidance all read in Spanish.
import { test, expect } from "@playwright/test";
import { setServer, watchForErrors } from "./helpers.js";

test.use({ viewport: { width: 390, height: 844 } });

async function signInSpanish(page) {
  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Iniciar sesión" })).toBeVisible();
  await page.getByLabel("Usuario").fill("driver");
  await page.getByLabel("Contraseña").fill("roadbook");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.locator("li.package").first()).toBeVisible();
}

// English words the app's own interface used before translation; none may
// remain in the interface chrome (headings, buttons, labels, bars) in Spanish.
const ENGLISH = /\b(Manifest|Delivered|Attempted|Remaining|Next stop|Undo|Search|Sign in|Settings|Route|Share|Window|stops left|marks? sent|Navigate|Cancel)\b/;

async function chromeText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main h1, main h2:not(.stop h2), button, label, .counts-bar, .action-bar p, nav, header .net, .saved-line")]
      .filter((e) => !e.closest(".demo-panel"))
      .map((e) => e.innerText)
      .join("\n"),
  );
}

test.describe("browser set to Spanish", () => {
  test.use({ locale: "es-MX" });

  test("sign in, search, deliver, attempt with a reason, undo — all in Spanish", async ({ page }) => {
    const problems = watchForErrors(page);
    await signInSpanish(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Manifiesto" })).toBeVisible();
    await expect(page.locator(".sync")).toContainText("Todas las marcas enviadas");
    expect(await chromeText(page)).not.toMatch(ENGLISH);

    // Search by the last four digits of a package further down the route.
    const tracking = await page.evaluate(() => {
      const m = JSON.parse(localStorage.getItem("roadbook.manifest")).manifest;
      return m.stops[5].packages[0].tracking;
    });
    await page.getByPlaceholder("Últimos 4 dígitos, nombre, calle o nota").fill(tracking.slice(-4));
    await expect(page.locator(".match-count")).toContainText(/paquetes? en \d+ paradas?/);
    const row = page.locator(`li.package[data-tracking="${tracking}"]`);
    await row.getByRole("button", { name: `Entregado: ${tracking}` }).click();
    await expect(row.locator(".status")).toHaveText("Entregado");
    await page.getByRole("button", { name: "Borrar búsqueda" }).first().click();

    // An attempt with a reason, then undo it.
    const pendingId = await page
      .locator("li.package")
      .filter({ has: page.getByRole("button", { name: "Intentado…" }) })
      .first()
      .getAttribute("data-package");
    const next = page.locator(`li.package[data-package="${pendingId}"]`);
    await next.getByRole("button", { name: "Intentado…" }).click();
    await next.getByLabel("¿Por qué no se pudo entregar?").selectOption({ label: "Sin acceso" });
    await next.getByRole("button", { name: "Guardar intento" }).click();
    await expect(next.locator(".status")).toHaveText("Intentado");
    await page.getByRole("button", { name: "Deshacer última" }).click();
    await expect(next.locator(".status")).toHaveText("Por entregar");

    // The route: the hand-off link is named in Spanish, times and numbers follow the locale.
    await page.getByRole("link", { name: "Ruta" }).click();
    await expect(page.getByRole("heading", { name: "Ruta" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Navegar a .+ con Google Maps$/ })).toBeVisible();
    await expect(page.getByLabel("Abrir indicaciones en")).toBeVisible();
    expect(await chromeText(page)).not.toMatch(ENGLISH);
    expect(problems).toEqual([]);
  });

  test("a company outage at sign-in is explained in Spanish, with the operator's own words", async ({ page }) => {
    await page.goto("./");
    await setServer(page, { fault: "unavailable", fault_scope: "everything" });
    await page.getByLabel("Usuario").fill("driver");
    await page.getByLabel("Contraseña").fill("roadbook");
    await page.getByRole("button", { name: "Entrar" }).click();
    const panel = page.locator("section.guidance");
    await expect(panel).toContainText("No restablezca su contraseña.");
    await expect(panel).toContainText("No reinstale Roadbook");
    await expect(panel).toContainText("Caída general del inicio de sesión de la empresa");
    await expect(panel).toContainText("Horario de soporte: Todos los días");
    await expect(panel).not.toContainText("reset your password");
  });
});

test("the language can be switched in the app and is remembered", async ({ page }) => {
  await page.goto("./");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.getByRole("heading", { name: "Iniciar sesión" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Iniciar sesión" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("roadbook.locale"))).toBe("es");
  // And back, from Settings.
  await page.getByRole("link", { name: "Ajustes" }).click();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
});
