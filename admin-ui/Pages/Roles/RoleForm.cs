using Gateway.Tokens;

namespace AdminUi.Pages.Roles;

/// <summary>The fields of the role forms.</summary>
public sealed class RoleForm
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<string> Scopes { get; set; } = [];

    public RoleSpec ToSpec() => new() { Name = Name ?? "", Description = Description, Scopes = Scopes };

    public static RoleForm From(RoleView role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new RoleForm { Name = role.Name, Description = role.Description, Scopes = [.. role.Scopes] };
    }
}
