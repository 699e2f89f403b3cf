// Browser mode opened without the address the server printed: there is no bridge to talk to.
export function MissingToken() {
  return (
    <main className="shell-message">
      <h1>RSU Timer</h1>
      <p role="alert" className="error">
        This page was opened without its access token. Open the address that <code>npm run dev:browser</code> printed.
      </p>
    </main>
  );
}
