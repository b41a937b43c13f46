namespace Gateway.Hosting;

/// <summary>
/// Which Kestrel endpoint a connection came in on, set by connection middleware, so the admin surface and
/// the public API can be kept apart by socket rather than by anything a client writes (a Host header).
/// </summary>
public sealed record Listener(string Name)
{
    public const string PublicName = "public";
    public const string AdminName = "admin";

    public static readonly Listener Public = new(PublicName);
    public static readonly Listener Admin = new(AdminName);

    /// <summary>The listener of this request; a request with none (a test host) counts as public.</summary>
    public static Listener Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Listener>() ?? Public;
    }

    public bool IsAdmin => Name == AdminName;
}
