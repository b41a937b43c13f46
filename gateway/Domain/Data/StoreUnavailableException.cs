namespace Gateway.Data;

/// <summary>The store cannot be relied on (missing, read-only, locked by another writer): nothing is admitted.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string? message)
        : base(message)
    {
    }

    public StoreUnavailableException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
