// First-screen time of the SPA on a throttled line, in Debian's Chromium
// through the DevTools protocol: for each page, a cold load (empty cache) at
// DOWN_MBIT Mbit/s down, UP_MBIT up and LATENCY_MS round trips, until the
// page's first element a reader looks for is visible. Prints one line per
// page and the bytes that travelled. Usage: node first-screen.mjs BASE_URL PASSWORD
import { chromium } from "playwright-core";

const [base, password] = process.argv.slice(2);
const down = Number(process.env.DOWN_MBIT || 10);
const up = Number(process.env.UP_MBIT || 5);
const latency = Number(process.env.LATENCY_MS || 40);
const rounds = Number(process.env.ROUNDS || 3);

// The page, who is logged in (none: no session), and what shows it is there.
const pages = [
  ["/inloggen", null, "#email"],
  ["/trainer", "trainer@demo.local", "[data-testid=start-title]"],
  ["/organisatie", "gemeente.venlo@demo.local", "[data-testid=start-title]"],
  ["/ambassadeur", "ambassadeur.noord@demo.local", "[data-testid=start-title]"],
  ["/bel", "bel@demo.local", "[data-testid=start-title]"],
];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
console.log(`line: ${down} Mbit/s down, ${up} Mbit/s up, ${latency} ms latency; cold cache; median of ${rounds}`);
for (const [path, email, ready] of pages) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (email) {
      // The session as the SPA keeps it: the cookie from logging in, and the
      // stored login answer (which picks the role's bundle).
      const res = await page.request.post(`${base}/api/v1/auth/login`, { data: { email, password } });
      const login = await res.json();
      await page.goto(`${base}/favicon.svg`);
      await page.evaluate((s) => localStorage.setItem("va-planner.session", JSON.stringify({ ...s, token: "" })), login);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency,
      downloadThroughput: (down * 1e6) / 8,
      uploadThroughput: (up * 1e6) / 8,
    });
    let received = 0;
    cdp.on("Network.loadingFinished", (e) => { received += e.encodedDataLength; });
    const start = Date.now();
    await page.goto(`${base}${path}`, { waitUntil: "commit" });
    await page.waitForSelector(ready, { state: "visible", timeout: 30000 });
    times.push(Date.now() - start);
    bytes = received;
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${path.padEnd(14)} ${String(median).padStart(5)} ms  (${times.join(", ")} ms)  ${Math.round(bytes / 1024)} KiB received`);
}
await browser.close();
