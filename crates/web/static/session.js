// The warning before the portal's idle timeout. A session ends after 15 minutes without a
// request; two minutes before, an alert dialog says so, with "Stay signed in", which posts to
// /session/stay (a request, so the session is kept alive). Progressive enhancement: without
// this script the session ends the same way and the next page asks the borrower to sign in.
// Served from our own origin, so the Content Security Policy (script-src 'self') allows it.
// Its words come from the page, in the borrower's language (the data-warning, data-stay,
// data-ended and data-sign-in-again attributes of its <script> tag, from the catalog); the
// English below is said only by a page without them.
(function () {
  "use strict";
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var idle = Number(data.idleSeconds) || 900;
  var warn = Number(data.warnSeconds) || 120;
  var csrf = document.querySelector('input[name="csrf"]');
  if (!csrf || idle <= warn) {
    return;
  }
  var timer = null;
  var box = null;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(show, (idle - warn) * 1000);
  }

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function dialog(text) {
    hide();
    box = document.createElement("div");
    box.className = "timeout-warning";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "timeout-warning-text");
    box.setAttribute("aria-live", "assertive");
    var p = document.createElement("p");
    p.id = "timeout-warning-text";
    p.textContent = text;
    box.appendChild(p);
    document.body.appendChild(box);
    return box;
  }

  function show() {
    var minutes = Math.round(warn / 60);
    dialog(
      data.warning ||
        "You will be signed out in " + minutes + " minute" + (minutes === 1 ? "" : "s") +
          " because nothing has happened on this page. Anything not yet confirmed is not sent."
    );
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = data.stay || "Stay signed in";
    button.addEventListener("click", stay);
    box.appendChild(button);
    button.focus();
    clearTimeout(timer);
    timer = setTimeout(ended, warn * 1000);
  }

  function ended() {
    clearTimeout(timer);
    dialog(data.ended || "You have been signed out. Anything not yet confirmed was not sent.");
    var link = document.createElement("a");
    link.href = "/login?ended=1";
    link.className = "button-link";
    link.textContent = data.signInAgain || "Sign in again";
    box.appendChild(link);
    link.focus();
  }

  function stay() {
    fetch("/session/stay", {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "csrf=" + encodeURIComponent(csrf.value),
    })
      .then(function (r) {
        if (r.status === 204) {
          hide();
          schedule();
        } else {
          // Answered with a sign-in (a redirect) or a refusal: the session is gone.
          ended();
        }
      })
      .catch(function () {
        // No answer (offline): the warning stays, so the borrower can try again.
      });
  }

  schedule();
})();
