// The year slider shows the year it picks while it moves, and applies it once it rests (after a pause, so
// that stepping through years with the arrow keys does not load a page per step). Without JavaScript the
// form's own button applies it.
document.addEventListener("DOMContentLoaded", () => {
  const slider = document.getElementById("year");
  const shown = document.getElementById("year-shown");
  if (!slider || !shown) return;
  let pending = null;
  slider.addEventListener("input", () => {
    shown.value = slider.value;
    clearTimeout(pending);
  });
  slider.addEventListener("change", () => {
    clearTimeout(pending);
    pending = setTimeout(() => slider.form.submit(), 700);
  });
});
