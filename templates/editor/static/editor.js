// The editor's only script: check the clause as the officer types, and keep the preview status fresh.
(function () {
  "use strict";
  const form = document.getElementById("item-form");
  if (form) {
    let timer = null;
    const idBox = document.getElementById("id");
    const check = async () => {
      const response = await fetch(form.dataset.check, { method: "POST", body: new FormData(form) });
      if (!response.ok) { return; }
      const data = await response.json();
      document.getElementById("findings").innerHTML = data.findings;
      document.getElementById("text-preview").innerHTML = data.preview;
      if (idBox && data.proposed && idBox.value === idBox.dataset.proposed) {
        idBox.value = data.proposed;
        idBox.dataset.proposed = data.proposed;
      }
    };
    const soon = () => { clearTimeout(timer); timer = setTimeout(check, 600); };
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    document.getElementById("check").addEventListener("click", check);
  }
  const status = document.getElementById("preview-status");
  if (status) {
    const poll = async () => {
      const response = await fetch("/preview-status");
      if (response.ok) {
        const s = await response.json();
        status.textContent = s.building ? "The preview is being rebuilt…"
          : s.finished ? `Preview last rebuilt at ${s.finished} (${s.seconds} seconds).` : "";
        status.dataset.builds = s.builds;
      }
      setTimeout(poll, 2000);
    };
    poll();
  }
}());
