using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>What the shared token fields partial needs.</summary>
public sealed record TokenFieldsView(TokenForm Form, IReadOnlyList<RoleView> Roles, bool ShowClient);
