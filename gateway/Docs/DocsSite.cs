namespace Gateway.Docs;

/// <summary>What one listener's <c>/docs</c> shows: its document, the page title and the security scheme to preselect.</summary>
internal sealed record DocsSite(string Listener, string Document, string Title, string SecurityScheme);
