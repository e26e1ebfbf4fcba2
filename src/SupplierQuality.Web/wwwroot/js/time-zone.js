// Offers the browser's time zone where a page asks for one: the notice shown until an account chooses, and the time
// zone page's select. Without this script both still work: the notice keeps UTC or links to the select.
(() => {
  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }

  // Nothing to offer when the browser does not say, or says UTC, which the notice offers already.
  if (!zone || /^(Etc\/)?(UTC|UCT|Universal|Zulu)$/i.test(zone)) {
    return;
  }

  for (const name of document.querySelectorAll("[data-browser-zone-name]")) {
    name.textContent = zone;
  }

  for (const button of document.querySelectorAll("button[data-browser-zone]")) {
    button.value = zone;
  }

  for (const element of document.querySelectorAll("[data-browser-zone]")) {
    element.hidden = false;
  }

  // An account that has not chosen starts from its browser's zone, when the list has it.
  const select = document.querySelector("select[data-browser-zone-default=true]");
  if (select && Array.from(select.options).some((option) => option.value === zone)) {
    select.value = zone;
  }
})();
