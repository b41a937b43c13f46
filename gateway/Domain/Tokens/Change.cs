namespace Gateway.Tokens;

/// <summary>A requested change of a value that may itself be null ("set the expiry to none").</summary>
public readonly record struct Change<T>(T Value);
