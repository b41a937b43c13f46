namespace Gateway.Docs;

/// <summary>What yarp.json cannot say about a route: its title, its group, and whether it answers a page or one record.</summary>
internal sealed record ClientRouteNote(string Tag, string Summary, bool IsList);

/// <summary>
/// Notes for the routes of DESIGN §5, by route id. A route yarp.json gains later is still documented from its
/// config alone: grouped by its scope, a list when its path ends in a word rather than an id.
/// </summary>
internal static class ClientRouteNotes
{
    /// <summary>Tags in the order the docs show them.</summary>
    public static IReadOnlyList<(string Name, string Description)> Tags { get; } =
    [
        ("Account", "The client's own profile."),
        ("Invoices", "Invoices of the client."),
        ("Orders", "Orders of the client."),
        ("Services", "Hosting services of the client."),
        ("Domains", "Domains of the client and their DNS records."),
    ];

    private static readonly Dictionary<string, ClientRouteNote> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["me"] = new("Account", "The client's profile", IsList: false),
        ["invoices"] = new("Invoices", "List invoices", IsList: true),
        ["invoice"] = new("Invoices", "Get an invoice", IsList: false),
        ["orders"] = new("Orders", "List orders", IsList: true),
        ["order"] = new("Orders", "Get an order", IsList: false),
        ["services"] = new("Services", "List hosting services", IsList: true),
        ["service"] = new("Services", "Get a hosting service", IsList: false),
        ["domains"] = new("Domains", "List domains", IsList: true),
        ["domain"] = new("Domains", "Get a domain", IsList: false),
        ["domain-dns"] = new("Domains", "List a domain's DNS records", IsList: true),
    };

    /// <summary>Where <paramref name="tag"/> comes in <see cref="Tags"/>; tags of later routes go last.</summary>
    public static int Rank(string tag)
    {
        for (var i = 0; i < Tags.Count; i++)
        {
            if (Tags[i].Name == tag)
            {
                return i;
            }
        }

        return Tags.Count;
    }

    public static string Describe(string tag) =>
        Tags.FirstOrDefault(t => t.Name == tag).Description ?? $"Routes that need `{tag}`.";

    public static ClientRouteNote For(string routeId, string path, string scope, bool endsWithParameter) =>
        Known.TryGetValue(routeId, out var note) ? note : new(scope, path, IsList: !endsWithParameter);
}
