// Check one page of the show's site in a real headless Chromium; print what was found as JSON.
// Every page gets the accessibility, keyboard, phone and no-JavaScript checks; an episode page
// also has its player, chapters and transcript tried, a listing page its Copy button and pager.
//
//   node tests/feeds/browser/check_page.mjs URL [SCREENSHOT_PREFIX]
//
// It judges nothing itself: tests/feeds/test_site.py asserts on the JSON, so a failure there shows
// the whole picture (axe violations, the Tab order, how far the audio played).
// The system Chromium is used (CHROMIUM overrides /usr/bin/chromium): browsers cannot be
// downloaded here, so playwright-core, which never downloads one, drives it.
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

const [url, shots] = process.argv.slice(2);
if (!url) {
  console.error("usage: node check_page.mjs URL [SCREENSHOT_PREFIX]");
  process.exit(2);
}

async function axe(page, tags) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: "tag", values } }),
    tags,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}

// What has keyboard focus, in words a test failure can show.
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      cls: el.className || null,
      role: el.getAttribute("role"),
      seek: el.dataset ? el.dataset.seek || null : null,
      start: el.dataset ? el.dataset.start || null : null,
      text: (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60),
    };
  });

// Poll with evaluate rather than waitForFunction, which never fires with JavaScript disabled.
async function waitFor(page, fn, arg, ms = 8000) {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await page.evaluate(fn, arg)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function checkPlayer(page, result) {
  // Playing: play() on the first episode's player; the clock must move.
  await page.goto(url, { waitUntil: "load" });
  const started = await page.evaluate(async () => {
    const audio = document.querySelector("main audio");
    try {
      await audio.play();
      return { ok: true, src: audio.currentSrc };
    } catch (e) {
      return { ok: false, error: String(e), src: audio.currentSrc };
    }
  });
  await waitFor(page, () => document.querySelector("main audio").currentTime > 0.6);
  result.play = {
    ...started,
    ...(await page.evaluate(() => {
      const audio = document.querySelector("main audio");
      return {
        currentTime: audio.currentTime,
        duration: audio.duration,
        paused: audio.paused,
        error: audio.error && audio.error.code,
        highlighted: document.querySelectorAll(".cue.current").length,
        currentCue: (document.querySelector(".cue.current") || {}).textContent || null,
      };
    })),
  };
  if (shots) await page.screenshot({ path: `${shots}-playing.png`, fullPage: true });

  // A chapter by keyboard: Tab to the last chapter link, press Enter.
  await page.goto(url, { waitUntil: "load" });
  const target = await page.evaluate(() => {
    const links = document.querySelectorAll("main article:first-of-type a[data-seek]");
    return links.length ? links[links.length - 1].dataset.seek : null;
  });
  let reached = null;
  for (let i = 0; i < 80 && target !== null; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now.seek === target) {
      reached = now;
      break;
    }
  }
  if (reached) {
    await page.keyboard.press("Enter");
    await waitFor(
      page,
      (t) => document.querySelector("main audio").currentTime >= t - 0.05,
      +target,
      5000,
    );
  }
  result.chapter = {
    target: target === null ? null : +target,
    focused: reached,
    ...(await page.evaluate(() => {
      const audio = document.querySelector("main audio");
      return { currentTime: audio.currentTime, paused: audio.paused, url: location.href };
    })),
  };
}

// The sentences being marked (aria-current), and the one the player's time falls in.
const sentenceState = (page) =>
  page.evaluate(() => {
    const audio = document.querySelector("main audio");
    const cues = [...document.querySelectorAll("main .cue")];
    const t = audio.currentTime;
    const within = cues.find((c) => t >= +c.dataset.start && t < +c.dataset.end);
    return {
      currentTime: t,
      paused: audio.paused,
      marked: cues.filter((c) => c.getAttribute("aria-current") === "true").map((c) => c.dataset.start),
      highlighted: cues.filter((c) => c.classList.contains("current")).length,
      within: within ? within.dataset.start : null,
    };
  });

// Press `key` on the focused sentence; what the player and the page show once it has sought.
async function playSentence(page, key) {
  await page.evaluate(() => {
    const audio = document.querySelector("main audio");
    window.seeks = [];
    audio.addEventListener("seeked", () => window.seeks.push(audio.currentTime), { once: true });
  });
  await page.keyboard.press(key);
  await waitFor(page, () => window.seeks.length > 0, null, 8000);
  return {
    key,
    seekedTo: await page.evaluate(() => (window.seeks.length ? window.seeks[0] : null)),
    focused: await focused(page),
    ...(await sentenceState(page)),
  };
}

// The transcript by keyboard: Tab to a sentence some way in and press Enter, then Tab to the
// next and press Space; each time the player must seek to the sentence's start, play, and mark
// it. Then, played on, the mark must follow the audio; and asked for reduced motion, nothing
// on the page may move.
async function checkTranscript(page, result) {
  await page.goto(url, { waitUntil: "load" });
  const targets = await page.evaluate(() => {
    const cues = [...document.querySelectorAll("main .cue")];
    // The first sentence of two seconds or more after the third, else the last but one.
    let i = cues.findIndex((c, n) => n >= 3 && +c.dataset.end - +c.dataset.start >= 2);
    if (i < 0 || i + 1 >= cues.length) i = Math.max(0, cues.length - 2);
    const about = (c) => ({ start: c.dataset.start, end: c.dataset.end, role: c.getAttribute("role"),
      text: c.textContent.trim().replace(/\s+/g, " ").slice(0, 60) });
    return cues.length > 1 ? [about(cues[i]), about(cues[i + 1])] : null;
  });
  const out = { targets, note: await page.evaluate(() => {
    const note = document.querySelector(".transcript-how");
    return note && !note.hidden ? note.textContent : null;
  }) };
  result.transcript = out;
  // The captions as Chromium's own WebVTT parser reads them from the player's <track>.
  out.track = await page.evaluate(async () => {
    const track = document.querySelector("main audio").textTracks[0];
    if (!track) return null;
    track.mode = "hidden";
    for (let i = 0; i < 50 && !(track.cues && track.cues.length); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return [...(track.cues || [])].map((c) => [c.startTime, c.endTime, c.text]);
  });
  if (!targets) return;
  let tabs = 0;
  for (; tabs < 200; tabs++) {
    if ((await focused(page)).start === targets[0].start) break;
    await page.keyboard.press("Tab");
  }
  out.tabs = tabs;
  out.enter = await playSentence(page, "Enter");
  await page.keyboard.press("Tab");
  out.space = await playSentence(page, "Space");
  out.axe = await axe(page, WCAG); // with a sentence marked and playing
  // The player's own slider moves the time to the middle of a later sentence: the mark follows.
  out.later = { to: await page.evaluate(() => {
    const cues = [...document.querySelectorAll("main .cue")];
    const c = cues[cues.length - 1];
    const to = (+c.dataset.start + +c.dataset.end) / 2;
    document.querySelector("main audio").currentTime = to;
    return to;
  }) };
  await waitFor(page, (t) => document.querySelector("main audio").currentTime > t + 0.2, out.later.to);
  await page.evaluate(() => document.querySelector("main audio").pause());
  await waitFor(page, () => document.querySelector("main audio").paused);
  Object.assign(out.later, await sentenceState(page));
  const motion = () =>
    page.evaluate(() => ({
      transition: getComputedStyle(document.querySelector("main .cue")).transitionDuration,
      scroll: getComputedStyle(document.documentElement).scrollBehavior,
    }));
  out.motion = await motion();
  await page.emulateMedia({ reducedMotion: "reduce" });
  out.reducedMotion = await motion();
  await page.emulateMedia({ reducedMotion: "no-preference" });
}

// Tab to the Copy button, press Enter: the status says so and the clipboard holds the address.
async function checkCopy(page) {
  let button = null;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (now.tag === "button") {
      button = now;
      break;
    }
  }
  if (!button) return { button: null };
  await page.keyboard.press("Enter");
  await waitFor(page, () => !!document.querySelector('#subscribe [role="status"]').textContent);
  return {
    button,
    status: await page.evaluate(
      () => document.querySelector('#subscribe [role="status"]').textContent,
    ),
    clipboard: await page.evaluate(() => navigator.clipboard.readText()),
    field: await page.evaluate(() => document.getElementById("feed-url").value),
  };
}

// Follow "Older episodes" and come back by "Newer episodes", as a reader would.
async function checkPager(page) {
  const start = page.url();
  const response = await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.click('.pager a[rel="next"]'),
  ]).then(([r]) => r);
  const next = await page.evaluate(() => ({
    url: location.href,
    articles: document.querySelectorAll("main article").length,
    current: (document.querySelector('.pager [aria-current="page"]') || {}).textContent || null,
    hasPrev: !!document.querySelector('.pager a[rel="prev"]'),
  }));
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.click('.pager a[rel="prev"]'),
  ]);
  return { start, status: response && response.status(), next, back: page.url() };
}

const result = { url, requests: { outside: [], failed: [] }, console: [] };
let browser;
try {
  // launch() gives Chromium a new empty --user-data-dir of its own and removes it afterwards.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
  // Clipboard permissions let the check read back what the Copy button wrote.
  const context = await browser.newContext({
    viewport: { width: 1024, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) {
      result.requests.outside.push(r.url());
    }
  });
  page.on("response", (r) => {
    if (r.status() >= 400) result.requests.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") result.console.push(m.text());
  });
  page.on("pageerror", (e) => result.console.push(String(e)));

  // 1. Accessibility rules, in the light and the dark colour scheme.
  await page.goto(url, { waitUntil: "load" });
  result.axe = await axe(page, WCAG);
  result.axeBestPractice = await axe(page, ["best-practice"]);
  await page.emulateMedia({ colorScheme: "dark" });
  result.axeDark = await axe(page, WCAG);
  if (shots) await page.screenshot({ path: `${shots}-dark.png`, fullPage: false });
  await page.emulateMedia({ colorScheme: "light" });

  // 2. Keyboard: the first Tab stop and the order after it; the skip link moves focus to main.
  await page.goto(url, { waitUntil: "load" });
  const order = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    order.push(await focused(page));
  }
  result.tabOrder = order;
  await page.goto(url, { waitUntil: "load" });
  await page.keyboard.press("Tab");
  const skip = await focused(page);
  await page.keyboard.press("Enter");
  const afterSkip = await focused(page);
  await page.keyboard.press("Tab");
  result.skip = { first: skip, afterEnter: afterSkip, nextTab: await focused(page) };
  // The skip link's focus ring must be visible, not only present.
  await page.goto(url, { waitUntil: "load" });
  await page.keyboard.press("Tab");
  result.skip.outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    const box = document.activeElement.getBoundingClientRect();
    return { style: s.outlineStyle, width: s.outlineWidth, top: box.top, height: box.height };
  });
  if (shots) await page.screenshot({ path: `${shots}-focus.png` });

  // 3-4. An episode page: play, then a chapter by keyboard. A listing page has no player.
  await page.goto(url, { waitUntil: "load" });
  if (await page.evaluate(() => !!document.querySelector("main audio"))) {
    await checkPlayer(page, result);
  }

  // 4b. An episode page's transcript: its sentences by keyboard.
  await page.goto(url, { waitUntil: "load" });
  if (await page.evaluate(() => !!document.querySelector("main .cue"))) {
    await checkTranscript(page, result);
  }

  // Listing pages: the Copy button, then the pager's next and previous links.
  await page.goto(url, { waitUntil: "load" });
  if (await page.evaluate(() => !!document.getElementById("feed-url"))) {
    result.copy = await checkCopy(page);
  }
  await page.goto(url, { waitUntil: "load" });
  if (await page.evaluate(() => !!document.querySelector('.pager a[rel="next"]'))) {
    result.pager = await checkPager(page);
  }

  // 5. A phone-sized screen: nothing wider than the screen.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(url, { waitUntil: "load" });
  result.phone = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (shots) await page.screenshot({ path: `${shots}-phone.png` });
  await page.setViewportSize({ width: 1024, height: 900 });
  if (shots) {
    await page.goto(url, { waitUntil: "load" });
    await page.screenshot({ path: `${shots}-page.png`, fullPage: true });
  }

  // 6. Without JavaScript: the page still reads, the native player plays from the keyboard
  // and the feed address is there to select.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const bare = await plain.newPage();
  await bare.goto(url, { waitUntil: "load" });
  result.noScript = await bare.evaluate(() => ({
    scriptRan: document.querySelectorAll('a[role="button"], button, [role="button"]').length > 0,
    transcriptStops: document.querySelectorAll(".transcript [tabindex]").length,
    feedUrl: (document.getElementById("feed-url") || {}).value || null,
    appLinks: [...document.querySelectorAll("#subscribe .apps a")].map((a) => a.href),
    transcriptWords: document.querySelector(".transcript")
      ? document.querySelector(".transcript").innerText.split(/\s+/).length
      : 0,
  }));
  if (await bare.evaluate(() => !!document.querySelector("main audio"))) {
    let stop = null;
    for (let i = 0; i < 20; i++) {
      await bare.keyboard.press("Tab");
      stop = await focused(bare);
      if (stop.tag === "audio") break;
    }
    await bare.keyboard.press("Space");
    await waitFor(bare, () => document.querySelector("main audio").currentTime > 0.6);
    result.noScript.focused = stop;
    result.noScript.currentTime = await bare.evaluate(
      () => document.querySelector("main audio").currentTime,
    );
  }
  await plain.close();
} catch (e) {
  result.error = String(e && e.stack ? e.stack : e);
} finally {
  if (browser) await browser.close();
}
console.log(JSON.stringify(result, null, 1));
