// Keeps the parts of a page marked data-live current while it is open: every few seconds the page is read again and
// each marked element takes the content of its namesake. Without JavaScript the page's Refresh link does the same,
// so this only saves the click. A hidden tab reads nothing; a failed read waits for the next tick.
(() => {
  const marked = () => document.querySelectorAll("[data-live][id]");
  if (marked().length === 0) {
    return;
  }

  const seconds = Number(marked()[0].dataset.live) || 5;
  document.getElementById("live-note")?.removeAttribute("hidden");
  const refresh = async () => {
    if (document.hidden) {
      return;
    }

    try {
      const response = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) {
        return;
      }

      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      for (const element of marked()) {
        const fresh = next.getElementById(element.id);
        if (fresh && fresh.innerHTML !== element.innerHTML) {
          element.innerHTML = fresh.innerHTML;
        }
      }
    } catch {
      // Offline or the node restarting: the next tick tries again.
    }
  };

  setInterval(refresh, seconds * 1000);
})();
