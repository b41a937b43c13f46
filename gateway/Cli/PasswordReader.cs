using System.Text;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary>Reads a password from redirected stdin (one line), or prompts twice without echo on a terminal.</summary>
public static class PasswordReader
{
    public static string Read(TextReader? input, TextWriter prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (input is not null || Console.IsInputRedirected)
        {
            return (input ?? Console.In).ReadLine()?.TrimEnd('\r', '\n') ?? "";
        }

        prompt.Write("Password: ");
        var first = ReadHidden();
        prompt.Write("Repeat password: ");
        var second = ReadHidden();
        if (first != second)
        {
            throw TokenRules.Invalid("password", "The two passwords differ.");
        }

        return first;
    }

    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
