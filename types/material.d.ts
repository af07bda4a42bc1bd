// What the calculator uses of Material for MkDocs' page script: the stream of page loads of its
// instant navigation (absent when the theme's script has not run).
interface Window {
  document$?: { subscribe(next: () => void): unknown };
}
