using System.Text;
using System.Text.Json;
using Gateway.Data;

namespace Gateway.Audit;

/// <summary>
/// Checks audit chains: each chain on its own (<c>audit-</c>, <c>audit-2-</c>, <c>audit-cli-</c> …), its files in
/// date order, every line's MAC under the configured keys and its link to the line before, and the chain's end
/// against its seal in the store. Reports the first break, and per chain what could not be checked.
/// </summary>
public static class AuditVerifier
{
    /// <summary>The event a writer adds when it finds its chain's sealed end missing.</summary>
    public const string GapEvent = "audit_gap";

    /// <param name="files">The files to check.</param>
    /// <param name="keys">The configured keys (current and previous); null when none is configured here.</param>
    /// <param name="seals">The seals of the files' folder, or null when the store could not be read.</param>
    /// <param name="wholeFolder">True when <paramref name="files"/> are every file of the folder: a sealed file or chain that is missing is then a break.</param>
    public static AuditVerification Verify(IEnumerable<string> files, AuditKeyRing? keys, IReadOnlyCollection<AuditSeal>? seals = null, bool wholeFolder = false)
    {
        ArgumentNullException.ThrowIfNull(files);
        var events = 0L;
        var chains = new List<AuditChainSummary>();
        var byChain = files.GroupBy(AuditChainFormat.ChainOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var chain in byChain)
        {
            var seal = seals?.FirstOrDefault(s => s.Chain == chain.Key);
            var check = new ChainCheck(chain.Key, keys, seal, seals is not null, wholeFolder);
            var broken = check.Run(chain.Order(StringComparer.Ordinal));
            if (broken is not null)
            {
                return broken with { Events = events + broken.Events, Chains = chains };
            }

            events += check.Events;
            chains.Add(check.Summary());
        }

        // A sealed chain whose every file is gone left nothing to check above.
        if (wholeFolder && seals?.FirstOrDefault(s => byChain.All(c => c.Key != s.Chain)) is { } orphan)
        {
            return new AuditVerification(false, events, orphan.File, null, $"the chain {orphan.Chain} was sealed at {orphan.SealedAt:o} but none of its files is here: they were deleted", chains);
        }

        return new AuditVerification(true, events, Chains: chains);
    }

    private sealed class ChainCheck(string chain, AuditKeyRing? keys, AuditSeal? seal, bool sealsRead, bool wholeFolder)
    {
        private string? _previous;
        private bool _keyed;
        private bool _sealFound;
        private bool _sealFileSeen;
        private long _unkeyed;
        private long _afterSeal;
        private bool _startsLate;

        public long Events { get; private set; }

        public AuditVerification? Run(IEnumerable<string> files)
        {
            foreach (var file in files)
            {
                var isSealFile = seal is not null && Path.GetFileName(file) == seal.File;
                _sealFileSeen |= isSealFile;
                using var lines = new AuditFileLines(file);
                while (lines.MoveNext())
                {
                    if (lines.Line.IsEmpty)
                    {
                        continue;
                    }

                    if (!lines.Complete)
                    {
                        return Broken(file, lines.Number, "the file does not end with a complete event: it was cut (a crash or a full disk while writing, or an edit)");
                    }

                    if (Check(lines.Line) is { } problem)
                    {
                        return Broken(file, lines.Number, problem);
                    }

                    if (_sealFound)
                    {
                        _afterSeal++;
                    }
                    else if (isSealFile && lines.End == seal!.Offset)
                    {
                        if (_previous != seal.Mac)
                        {
                            return Broken(file, lines.Number, CutMessage(seal));
                        }

                        _sealFound = true;
                    }

                    Events++;
                }

                if (isSealFile && !_sealFound)
                {
                    return Broken(file, lines.Number + 1, CutMessage(seal!));
                }
            }

            if (seal is not null && !_sealFileSeen && wholeFolder)
            {
                return Broken(seal.File, null, $"the file the chain was sealed in ({seal.SealedAt:o}) is missing: it was deleted");
            }

            return null;
        }

        private static string CutMessage(AuditSeal seal) =>
            $"the chain no longer holds the event it was sealed at ({seal.SealedAt:o}, byte {seal.Offset} of this file): events at its end were removed or rewritten";

        public AuditChainSummary Summary()
        {
            var notes = new List<string>();
            if (_unkeyed > 0)
            {
                notes.Add(_keyed
                    ? $"{_unkeyed} events predate the chain key (linked by unkeyed SHA-256; the first signed event pins them)"
                    : $"{_unkeyed} events are unkeyed (SHA-256 links only: whoever can write the files could recompute them)");
            }

            if (_startsLate)
            {
                notes.Add("starts after events that are not here (older files removed by retention, or not given)");
            }

            if (!sealsRead)
            {
                notes.Add("seal not checked (the store could not be read): the removal of its last events cannot be detected");
            }
            else if (seal is null)
            {
                notes.Add("never sealed: the removal of its last events cannot be detected");
            }
            else if (!_sealFileSeen)
            {
                notes.Add($"seal not checked: its file {seal.File} is not among those given");
            }
            else if (_afterSeal > 0)
            {
                notes.Add($"{_afterSeal} events after its seal of {seal.SealedAt:o} (its writer is running, or stopped without sealing): their removal could not be detected");
            }
            else
            {
                notes.Add($"sealed at its last event ({seal.SealedAt:o})");
            }

            return new AuditChainSummary(chain, Events, notes);
        }

        private AuditVerification Broken(string file, int? line, string problem) =>
            new(false, Events, file, line, problem);

        private string? Check(ReadOnlySpan<byte> line)
        {
            Fields fields;
            try
            {
                fields = Fields.Read(line);
            }
            catch (JsonException)
            {
                return "not a complete JSON event: the line was edited or cut";
            }

            string link;
            if (AuditChainFormat.MacOf(line) is { } mac)
            {
                if (keys is null)
                {
                    return "the event is signed, but no chain key is configured here: set Gateway:Audit:ChainKey or Gateway:Audit:ChainKeyFile as the gateway has it";
                }

                if (keys.Find(fields.KeyId) is not { } key)
                {
                    return $"signed with key {fields.KeyId}, which is not configured here: add it to Gateway:Audit:PreviousChainKeys (or the key file) to check these events";
                }

                if (!AuditChainFormat.Verifies(key, line, mac))
                {
                    return "its MAC does not match its content: the event was edited";
                }

                if (fields.Previous is null)
                {
                    return $"no {AuditChainFormat.PreviousProperty}: not an event of this audit log";
                }

                link = fields.Previous;
                _keyed = true;
            }
            else
            {
                if (fields.Legacy is null)
                {
                    return $"no {AuditChainFormat.PreviousProperty} and no MAC: not an event of this audit log";
                }

                if (_keyed)
                {
                    return "an unsigned event after signed ones: the event was edited and its MAC removed";
                }

                link = fields.Legacy;
                _unkeyed++;
            }

            // The first event checked may link to a file that is not here; every later one must link to the line before it.
            if (Events == 0)
            {
                _startsLate = link != AuditChainFormat.Genesis;
            }
            else if (link != _previous)
            {
                return "does not follow the event before it: an event before this line was removed, inserted or moved";
            }

            // What the next line must link to: this line's MAC, or for an unsigned line its SHA-256.
            _previous = AuditChainFormat.LinkOf(line);

            // A genuine record (its MAC checked above) that the chain's writer found events removed from its end.
            return fields.EventType == GapEvent
                ? $"the gateway found this chain cut when it checked its seal: {fields.Problem} (sealed at {fields.SealedAt})"
                : null;
        }
    }

    /// <summary>The top-level members of an event that the chain is checked by.</summary>
    private readonly record struct Fields(string? EventType, string? KeyId, string? Previous, string? Legacy, string? Problem, string? SealedAt)
    {
        public static Fields Read(ReadOnlySpan<byte> line)
        {
            var reader = new Utf8JsonReader(line);
            string? eventType = null, keyId = null, previous = null, legacy = null, problem = null, sealedAt = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("not an object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                switch (name)
                {
                    case "EventType": eventType = value; break;
                    case AuditChainFormat.KeyIdProperty: keyId = value; break;
                    case AuditChainFormat.PreviousProperty: previous = value; break;
                    case AuditChainFormat.LegacyProperty: legacy = value; break;
                    case "Problem": problem = value; break;
                    case "SealedAt": sealedAt = value; break;
                }

                reader.Skip();
            }

            // Whatever follows the object (a second object, stray text) makes it not one event.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new JsonException("not one object");
            }

            return new Fields(eventType, keyId, previous, legacy, problem, sealedAt);
        }
    }
}
