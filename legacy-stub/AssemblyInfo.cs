using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("LegacyStub.Tests")]
