using System.Globalization;
using WireMock;

namespace LegacyStub.Api;

/// <summary>The backend's endpoints. Everything is scoped to the client of the request; other clients' records do not exist.</summary>
internal static class BillingRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("/api/v1/me", r => r.Data(r.Client.Profile)),
        new("/api/v1/invoices", r => r.List(r.Client.Invoices)),
        new("/api/v1/invoices/{id}", r => Detail(r, r.Client.Invoices, invoice => invoice.Id)),
        new("/api/v1/orders", r => r.List(r.Client.Orders)),
        new("/api/v1/orders/{id}", r => Detail(r, r.Client.Orders, order => order.Id)),
        new("/api/v1/services", r => r.List(r.Client.Services)),
        new("/api/v1/services/{id}", r => Detail(r, r.Client.Services, service => service.Id)),
        new("/api/v1/domains", r => r.List(r.Client.Domains)),
        new("/api/v1/domains/{id}", r => Detail(r, r.Client.Domains, domain => domain.Id)),
        new("/api/v1/domains/{id}/dns", r => Find(r.Client.Domains, r.Id, domain => domain.Id) is { } domain
            ? r.List(r.Client.DnsFor(domain.Id))
            : r.NotFound()),
    ];

    private static ResponseMessage Detail<T>(ApiRequest request, IReadOnlyList<T> records, Func<T, long> idOf)
        where T : class =>
        Find(records, request.Id, idOf) is { } record ? request.Data(record) : request.NotFound();

    /// <summary>A non-numeric id is simply not found, as it is on the backend.</summary>
    private static T? Find<T>(IReadOnlyList<T> records, string? rawId, Func<T, long> idOf)
        where T : class =>
        long.TryParse(rawId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? records.FirstOrDefault(record => idOf(record) == id)
            : null;
}
