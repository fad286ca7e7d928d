// Which browsers can run the game, from the APIs the static pass saw it reference. Only APIs
// that a current major browser lacks (or never exposes to a sandboxed, non-isolated frame)
// narrow the list; everything a canvas game normally uses works in all four.
const ALL = ['chrome', 'firefox', 'safari', 'edge'] as const;
const CHROMIUM_ONLY = ['firefox', 'safari'];

const MISSING_IN: Record<string, readonly string[]> = {
  'navigator.bluetooth': CHROMIUM_ONLY,
  'navigator.usb': CHROMIUM_ONLY,
  'navigator.serial': CHROMIUM_ONLY,
  'navigator.hid': CHROMIUM_ONLY,
  'NDEFReader': CHROMIUM_ONLY,
  'showOpenFilePicker': CHROMIUM_ONLY,
  'showSaveFilePicker': CHROMIUM_ONLY,
  'showDirectoryPicker': CHROMIUM_ONLY,
  'EyeDropper': CHROMIUM_ONLY,
  'IdleDetector': CHROMIUM_ONLY,
  'getScreenDetails': CHROMIUM_ONLY,
  'BarcodeDetector': CHROMIUM_ONLY,
  'documentPictureInPicture': CHROMIUM_ONLY,
  'navigator.keyboard': CHROMIUM_ONLY,
  'navigator.gpu': CHROMIUM_ONLY,
  'requestIdleCallback': ['safari'],
  'cancelIdleCallback': ['safari'],
  'navigator.vibrate': ['safari'],
  'Atomics.waitAsync': ['firefox'],
  'webkitAudioContext': [],
  // Needs cross-origin isolation, which a sandboxed game frame never has.
  'SharedArrayBuffer': ALL,
};

export function browserCompatibility(apis: Iterable<string>): string[] {
  const missing = new Set<string>();
  for (const api of apis) for (const b of Object.hasOwn(MISSING_IN, api) ? MISSING_IN[api] ?? [] : []) missing.add(b);
  return ALL.filter((b) => !missing.has(b));
}
