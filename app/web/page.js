// The page's behaviour that Gradio does not provide (served inline by app/web/look.py).
(() => {
  "use strict";
  const FOLD = /\n*<details class='scoqa-fold'>[\s\S]*?<\/details>/g;

  const shown = (el) => !!el && el.getClientRects().length > 0;

  // The nearest ancestor that scrolls by itself; never the page.
  const scroller = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowY;
      if ((overflow === "auto" || overflow === "scroll") && node.scrollHeight > node.clientHeight) return node;
    }
    return null;
  };

  // Bring `target` into view by scrolling only the boxes that contain it, innermost first.
  const revealInside = (target) => {
    let inner = target;
    for (let box = scroller(target); box; inner = box, box = scroller(box)) {
      const top = inner.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop - 36; // below the chat's floating label
      box.scrollTo({ top: Math.max(top, 0), behavior: "auto" });
    }
  };

  // A citation [n] links to #src-<turn>-<n>: the card in the sources panel on wide screens,
  // the same card folded under the answer on narrow ones. Only its panel scrolls.
  const openCitation = (event) => {
    const link = event.target.closest ? event.target.closest("a[href^='#src-']") : null;
    if (!link) return;
    const id = link.getAttribute("href").slice(1);
    let card = document.getElementById(id);
    let opened = false;
    if (!shown(card)) {
      card = document.getElementById("fold-" + id.slice(4));
      const fold = card ? card.closest("details") : null;
      opened = !!fold && !fold.open;
      if (fold) fold.open = true;
    }
    if (!card) return;
    event.preventDefault();
    event.stopPropagation();
    const show = () => {
      revealInside(card);
      card.classList.add("scoqa-flash");
      card.tabIndex = -1;
      card.focus({ preventScroll: true });
      setTimeout(() => card.classList.remove("scoqa-flash"), 1600);
      // Gradio scrolls the chat to its end 300 ms after an answer changes; a click in that moment
      // would lose the card, so it is brought back once if that happened.
      setTimeout(() => outOfSight(card) && revealInside(card), 450);
    };
    // A fold that opens grows the chat, and Gradio may then scroll the chat to its end; reveal the
    // card two frames later (our scroll also tells Gradio the reader has scrolled away).
    if (opened) requestAnimationFrame(() => requestAnimationFrame(show));
    else show();
  };

  // True when a box that scrolls (the fold, the chat, the panel) has `el` outside its visible part.
  const outOfSight = (el) => {
    const r = el.getBoundingClientRect();
    for (let box = scroller(el); box; box = scroller(box)) {
      const b = box.getBoundingClientRect();
      if (r.bottom < b.top + 8 || r.top > b.bottom - 8) return true;
    }
    return false;
  };

  // Citation links get their title ("Source 1: <document>") as accessible name; the chat's
  // sanitiser drops aria-label from Markdown, so it is added here.
  // The inferred-filter chip reads "✕ organisation CSTO (inferred)"; say what a click does instead.
  const nameControls = () => {
    document.querySelectorAll("a[href^='#src-'][title]:not([aria-label])").forEach((a) => {
      a.setAttribute("aria-label", a.getAttribute("title"));
    });
    const chip = document.querySelector("#inferred-chip");
    if (chip && chip.textContent.includes("✕")) {
      const what = chip.textContent.replace("✕", "").replace("(inferred)", "").trim();
      const name = `Ask again without the filter inferred from the question: ${what}`;
      if (chip.getAttribute("aria-label") !== name) chip.setAttribute("aria-label", name);
    }
  };

  // Sort the documents table by a column (button in its header); a second click reverses.
  const sortTable = (event) => {
    const button = event.target.closest ? event.target.closest(".scoqa-doctable th button[data-col]") : null;
    if (!button) return;
    const th = button.closest("th");
    const table = th.closest("table");
    const col = Number(button.dataset.col);
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach((h) => h.setAttribute("aria-sort", "none"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.tBodies[0];
    const key = (row) => row.cells[col].dataset.sort ?? row.cells[col].textContent.trim();
    const rows = Array.from(body.rows).sort((a, b) => {
      const order = key(a).localeCompare(key(b), undefined, { numeric: true, sensitivity: "base" });
      return ascending ? order : -order;
    });
    rows.forEach((row) => body.appendChild(row));
  };

  const searchTable = (event) => {
    if (!event.target || event.target.id !== "doc-search") return;
    const words = event.target.value.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = document.querySelectorAll(".scoqa-doctable tbody tr");
    let count = 0;
    rows.forEach((row) => {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((word) => text.includes(word));
      count += row.hidden ? 0 : 1;
    });
    const status = document.getElementById("doc-count");
    if (status) status.textContent = `${count} of ${rows.length} documents`;
  };

  // The chat's copy buttons copy a message's source text: leave the folded cards out of it.
  if (navigator.clipboard && navigator.clipboard.writeText) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => write(typeof text === "string" ? text.replace(FOLD, "") : text);
  }
  document.addEventListener("copy", (event) => {
    const area = document.body.firstElementChild; // Gradio's fallback copies from a textarea it prepends
    if (area && area.tagName === "TEXTAREA" && area.value.includes("scoqa-fold") && event.clipboardData) {
      event.clipboardData.setData("text/plain", area.value.replace(FOLD, ""));
      event.preventDefault();
    }
  });

  document.addEventListener("click", openCitation, true);
  document.addEventListener("click", sortTable);
  document.addEventListener("input", searchTable);
  new MutationObserver(nameControls).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
})();
