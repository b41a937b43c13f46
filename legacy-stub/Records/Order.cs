namespace LegacyStub.Records;

/// <summary>An order placed by the client; <see cref="InvoiceId"/> points at one of the client's invoices.</summary>
public sealed record Order(
    long Id,
    string OrderNum,
    DateOnly Date,
    string Status,
    string Amount,
    string PaymentMethod,
    long InvoiceId);
