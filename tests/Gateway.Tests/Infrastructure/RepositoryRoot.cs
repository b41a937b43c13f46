namespace Gateway.Tests.Infrastructure;

/// <summary>The checkout the tests were built from: the folder holding Gateway.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // Bounded walk up from the test binaries.
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        for (var depth = 0; depth < 10 && folder is not null; depth++, folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Gateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
    }
}
