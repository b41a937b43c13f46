namespace LegacyStub.Records;

/// <summary>An invoice; money is a decimal string ("19.99") as the PHP backend renders it.</summary>
public sealed record Invoice(
    long Id,
    string InvoiceNum,
    DateOnly Date,
    DateOnly DueDate,
    DateOnly? DatePaid,
    string Status,
    string Subtotal,
    string Tax,
    string Total,
    string Currency,
    IReadOnlyList<InvoiceItem> Items);
