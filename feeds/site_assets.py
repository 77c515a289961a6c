"""The show page's inline style sheet and script: kept in the page so nothing is loaded from
elsewhere (no fonts, no CDN) and the page works opened as a file."""

# Colours are chosen for WCAG AA (body text is above 7:1 in both schemes); the focus ring is
# thick and offset so it shows on links, buttons and the audio player alike.
STYLE = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#454545;--link:#0a58a3;
--panel:#f2f4f7;--line:#6b6b6b;--mark:#ffe27a;--focus:#b32d00}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#eceff3;--muted:#c4cad2;
--link:#9ccaff;--panel:#1d232b;--line:#8d96a3;--mark:#5a4500;--focus:#ffb86b}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
font:1.125rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
a{color:var(--link);text-underline-offset:.15em}
:focus-visible{outline:3px solid var(--focus);outline-offset:3px}
main:focus{outline:none}
.skip{position:absolute;left:.5rem;top:-20rem;z-index:10;padding:.5rem 1rem;
background:var(--fg);color:var(--bg)}
.skip:focus{top:.5rem}
header{padding:1.5rem 0 1rem;border-bottom:2px solid var(--line)}
.show{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
.show img{width:7.5rem;height:7.5rem;border-radius:.25rem}
h1{font-size:2rem;line-height:1.2;margin:0}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .25rem}
h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
h4{font-size:1.05rem;margin:1.25rem 0 .25rem}
.note{color:var(--muted)}
label{display:block;font-weight:600;margin-top:.5rem}
.copy{display:flex;gap:.5rem;flex-wrap:wrap}
.copy input{flex:1 1 16rem;min-width:0;font:inherit;font-size:1rem;padding:.4rem .5rem;
border:2px solid var(--line);border-radius:.25rem;background:var(--bg);color:var(--fg)}
button{font:inherit;font-size:1rem;padding:.4rem .9rem;border:2px solid var(--fg);
border-radius:.25rem;background:var(--panel);color:var(--fg);cursor:pointer}
nav{padding:.5rem 0 1rem;border-bottom:2px solid var(--line)}
nav ol{margin:.25rem 0;padding-left:1.5rem}
nav li{margin:.25rem 0}
article{padding:.5rem 0 2rem;border-bottom:2px solid var(--line)}
.byline{color:var(--muted);margin:.25rem 0 1rem}
audio{display:block;width:100%;margin:1rem 0 .5rem}
.chapters{list-style:none;padding:0;margin:0}
.chapters li{margin:.25rem 0}
.chapters a{display:inline-flex;gap:.75rem;min-height:2rem;align-items:baseline}
.chapters time{font-variant-numeric:tabular-nums;min-width:3.5rem}
.chapters .current a{font-weight:700}
.files{padding-left:1.5rem}
.transcript p{margin:.5rem 0}
.transcript .turn{margin-top:1.1rem}
.cue.current{background:var(--mark);border-radius:.15rem;box-shadow:0 0 0 .15rem var(--mark)}
.cue[role=button]{cursor:pointer}
.cue[role=button]:hover{text-decoration:underline}
footer{padding:1.5rem 0 3rem;color:var(--muted)}
.show-link{margin:0 0 .5rem}
.show-link a{display:inline-flex;gap:.75rem;align-items:center;font-weight:600;font-size:1.2rem}
.show-link img{width:3rem;height:3rem;border-radius:.25rem}
#subscribe{margin-top:1rem}
.apps,.pager ul,.more{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;
gap:.5rem 1rem}
.apps a{display:inline-block;padding:.35rem .8rem;border:2px solid var(--link);
border-radius:.25rem}
.actions a,.more a{display:inline-block;padding:.2rem 0}
.pager{padding:1.5rem 0 0;border:0}
.pager a{display:inline-block;min-width:2.5rem;padding:.35rem .6rem;text-align:center}
.pager a[aria-current]{font-weight:700;text-decoration:none;border:2px solid var(--fg);
border-radius:.25rem;color:var(--fg)}
main h1{margin-top:1.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}
.cue{transition:background-color .2s}}
"""

# Enhancements only; the page reads and plays without it. Chapter links and the transcript's
# sentences seek this page's player (instead of opening the MP3, or being plain text); the
# sentence being spoken is marked, for eyes and for screen readers; one player at a time.
SCRIPT = """
(function () {
  "use strict";
  var players = Array.prototype.slice.call(document.querySelectorAll("audio"));
  var marking = {};
  players.forEach(function (audio) {
    audio.addEventListener("play", function () {
      players.forEach(function (other) { if (other !== audio) other.pause(); });
    });
    var cues = document.querySelectorAll('.cue[data-audio="' + audio.id + '"]');
    var marks = document.querySelectorAll('.chapters li[data-audio="' + audio.id + '"]');
    function mark(items, t, aria) {
      for (var i = 0; i < items.length; i++) {
        var on = t >= +items[i].dataset.start && t < +items[i].dataset.end;
        items[i].classList.toggle("current", on);
        if (aria && on) items[i].setAttribute("aria-current", "true");
        else if (aria) items[i].removeAttribute("aria-current");
      }
    }
    marking[audio.id] = function () {
      mark(cues, audio.currentTime, true);
      mark(marks, audio.currentTime, false);
    };
    audio.addEventListener("timeupdate", marking[audio.id]);
  });
  function playFrom(audio, start) {
    audio.currentTime = start;
    marking[audio.id]();
    var playing = audio.play();
    if (playing && playing.catch) playing.catch(function () {});
  }
  document.querySelectorAll("a[data-seek]").forEach(function (link) {
    var audio = document.getElementById(link.dataset.audio);
    if (!audio) return;
    // It now acts in place rather than navigating, so say so to screen readers.
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      playFrom(audio, +link.dataset.seek);
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); link.click(); }
    });
  });
  document.querySelectorAll(".cue[data-audio]").forEach(function (cue) {
    var audio = document.getElementById(cue.dataset.audio);
    if (!audio) return;
    cue.setAttribute("role", "button");
    cue.tabIndex = 0;
    cue.addEventListener("click", function () {
      // Selecting words to copy them is not a request to play from there.
      if (window.getSelection && !window.getSelection().isCollapsed) return;
      playFrom(audio, +cue.dataset.start);
    });
    cue.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        playFrom(audio, +cue.dataset.start);
      }
    });
  });
  document.querySelectorAll(".transcript-how").forEach(function (note) { note.hidden = false; });
  var field = document.getElementById("feed-url");
  if (field) {
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.textContent = "Copy feed address";
    status.setAttribute("role", "status");
    status.className = "note";
    field.parentNode.appendChild(button);
    field.parentNode.parentNode.appendChild(status);
    button.addEventListener("click", function () {
      var say = function (words) { status.textContent = words; };
      var done = function () { say("Feed address copied."); };
      // Where the browser refuses to copy, the address stays selected for the keyboard.
      var fallback = function () {
        var copied = false;
        field.focus();
        field.select();
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        if (copied) done(); else say("Press Ctrl+C (Command+C on a Mac) to copy the address.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, fallback);
      } else { fallback(); }
    });
  }
})();
"""
