using LegacyStub.Records;

namespace LegacyStub.Generation;

/// <summary>
/// The fixed cast of fictional clients. Addresses and phone numbers are made up (US numbers use the
/// 555-01xx fiction range, the Leeds one Ofcom's drama range); domains sit under example.com/.net/.org.
/// Each client signs in to the stub's OpenID Connect provider with its profile e-mail and its password.
/// </summary>
internal static class SeedCatalog
{
    public static IReadOnlyList<ClientSeed> Clients { get; } =
    [
        new(
            new ClientProfile(
                1, "Olivia", "Bennett", "Brightpixel Studio LLC", "olivia.bennett@brightpixel.example.com",
                "1200 Harbor Way, Suite 4", "Portland", "Oregon", "97209", "US", "+1.5035550142",
                "USD", "Active", new DateTimeOffset(2019, 7, 8, 14, 22, 5, TimeSpan.Zero)),
            Password: "Brightpixel#2019",
            TaxRate: 0m,
            InvoiceCount: 70,
            OrderCount: 12,
            Services:
            [
                new("Business Hosting - Pro", "brightpixel.example.com", "Monthly", 24.99m, "Active", false),
                new("VPS - 4 GB", "vps1.brightpixel.example.com", "Monthly", 39.00m, "Active", true),
                new("Business Email - 10 Mailboxes", "brightpixel.example.com", "Monthly", 15.00m, "Active", false),
                new("SSL Certificate - Standard", "brightpixel-shop.example.net", "Annually", 49.00m, "Active", false),
                new("Shared Hosting - Starter", "pixel-archive.example.org", "Monthly", 5.99m, "Cancelled", false),
            ],
            Domains:
            [
                "brightpixel.example.com",
                "brightpixel-shop.example.net",
                "pixel-archive.example.org",
                "bennett-photo.example.com",
            ]),
        new(
            new ClientProfile(
                2, "Lena", "Hoffmann", "Hoffmann Webdesign GmbH", "lena.hoffmann@hoffmann-web.example.net",
                "Torstraße 118", "Berlin", "Berlin", "10119", "DE", "+49.3055501234",
                "EUR", "Active", new DateTimeOffset(2021, 2, 17, 9, 3, 41, TimeSpan.Zero)),
            Password: "Hoffmann-Web#2021",
            TaxRate: 0.19m,
            InvoiceCount: 18,
            OrderCount: 4,
            Services:
            [
                new("Reseller Hosting - Gold", "hoffmann-web.example.net", "Monthly", 29.00m, "Active", false),
                new("Managed WordPress", "kunden-portal.example.org", "Annually", 120.00m, "Active", false),
            ],
            Domains: ["hoffmann-web.example.net", "kunden-portal.example.org"]),
        new(
            new ClientProfile(
                3, "Amelia", "Clarke", "Clarke & Sons Bakery Ltd", "amelia@clarkebakery.example.org",
                "14 Market Street", "Leeds", "West Yorkshire", "LS1 6DT", "GB", "+44.1134960123",
                "GBP", "Active", new DateTimeOffset(2024, 10, 2, 16, 45, 12, TimeSpan.Zero)),
            Password: "Clarke-Bakery#2024",
            TaxRate: 0.20m,
            InvoiceCount: 8,
            OrderCount: 3,
            Services: [new("Shared Hosting - Starter", "clarkebakery.example.org", "Monthly", 6.50m, "Active", false)],
            Domains: ["clarkebakery.example.org"]),
        new(
            new ClientProfile(
                4, "Ravi", "Patel", "", "ravi.patel@rp-dev.example.com",
                "4100 Lamar Blvd, Apt 12", "Austin", "Texas", "78756", "US", "+1.5125550187",
                "USD", "Active", new DateTimeOffset(2025, 3, 11, 11, 30, 0, TimeSpan.Zero)),
            Password: "Rp-Dev#2025",
            TaxRate: 0m,
            InvoiceCount: 3,
            OrderCount: 1,
            Services: [new("VPS - 2 GB", "rp-dev.example.com", "Monthly", 19.99m, "Active", true)],
            Domains: ["rp-dev.example.com"]),
        // A brand-new account: every list is empty, which the gateway has to pass through as-is.
        new(
            new ClientProfile(
                5, "Noah", "Kim", "", "noah.kim@mail.example.org",
                "88 Pine Street", "Seattle", "Washington", "98101", "US", "+1.2065550110",
                "USD", "Active", new DateTimeOffset(2025, 6, 18, 8, 12, 54, TimeSpan.Zero)),
            Password: "Noah-Kim#2025",
            TaxRate: 0m,
            InvoiceCount: 0,
            OrderCount: 0,
            Services: [],
            Domains: []),
    ];
}
