namespace PortalUi;

/// <summary>What the shared token fields partial needs: the form, the scopes offered, the latest expiry allowed.</summary>
public sealed record TokenFieldsView(ClientTokenForm Form, IReadOnlyList<string> Scopes, DateOnly? LatestExpiry, bool ShowScopes);
