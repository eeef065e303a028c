// The public display's chime: a short two-tone sound, made with the Web Audio API, whenever a new
// ticket is called. Off until someone presses the button (browsers allow sound only after a
// gesture); the choice is remembered on this screen.
(() => {
  const STORAGE_KEY = "spojka-desk-chime";
  const button = document.querySelector("[data-chime]");
  const calls = document.getElementById("desk-calls");
  if (!button || !calls) return;

  let context = null;
  let enabled = localStorage.getItem(STORAGE_KEY) === "on";
  let latest = calls.querySelector("[data-latest]")?.dataset.latest || "";

  const show = () => button.setAttribute("aria-pressed", enabled ? "true" : "false");

  const chime = () => {
    if (!enabled) return;
    context = context || new AudioContext();
    const start = context.currentTime;
    [660, 880].forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = frequency;
      const at = start + index * 0.35;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.65);
    });
  };

  button.hidden = false;
  show();
  button.addEventListener("click", () => {
    enabled = !enabled;
    localStorage.setItem(STORAGE_KEY, enabled ? "on" : "off");
    show();
    if (enabled) {
      context = context || new AudioContext();
      context.resume();
      chime();
    }
  });

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.target !== calls) return;
    const now = calls.querySelector("[data-latest]")?.dataset.latest || "";
    if (now && now !== latest) chime();
    latest = now;
  });
})();
