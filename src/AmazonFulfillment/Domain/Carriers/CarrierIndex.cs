using System.Collections.Immutable;
using System.Text;

namespace AmazonFulfillment.Domain;

/// <summary>
/// One list of carriers (a marketplace's, or the union of all) indexed for look-up: by code, then by other name,
/// both case-insensitively, then by a loose key that ignores spaces, hyphens, dots and underscores.
/// A text that loosely matches two carriers matches none.
/// </summary>
internal sealed class CarrierIndex
{
    private const int MaxSuggestionKeyLength = 40;

    private readonly Dictionary<string, CarrierEntry> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CarrierEntry?> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CarrierEntry?> _byLooseKey = new(StringComparer.Ordinal);

    public CarrierIndex(ImmutableArray<CarrierEntry> entries)
    {
        Entries = entries;
        foreach (var entry in entries)
        {
            _byCode[entry.Code] = entry;
            foreach (var name in entry.Names)
            {
                Add(_byName, name, entry);
            }
        }

        foreach (var entry in entries)
        {
            Add(_byLooseKey, LooseKey(entry.Code), entry);
            foreach (var name in entry.Names)
            {
                Add(_byLooseKey, LooseKey(name), entry);
            }
        }
    }

    public ImmutableArray<CarrierEntry> Entries { get; }

    /// <summary>Keeps letters and digits only, upper case: "DHL-Paket", "dhl paket" and "DHL.Paket" are one key.</summary>
    public static string LooseKey(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not '-' and not '.' and not '_')
            {
                key.Append(char.ToUpperInvariant(c));
            }
        }

        return key.ToString();
    }

    public bool ContainsCode(string code) => _byCode.ContainsKey(code);

    public CarrierEntry? Find(string text)
    {
        text = text.Trim();
        if (_byCode.TryGetValue(text, out var byCode))
        {
            return byCode;
        }

        if (_byName.TryGetValue(text, out var byName))
        {
            return byName;
        }

        var key = LooseKey(text);
        return key.Length > 0 && _byLooseKey.TryGetValue(key, out var byKey) ? byKey : null;
    }

    /// <summary>Up to <paramref name="max"/> codes close to a text that matched nothing, nearest first.</summary>
    public ImmutableArray<string> Suggest(string text, int max = 3)
    {
        var key = LooseKey(text);
        if (key.Length == 0 || key.Length > MaxSuggestionKeyLength)
        {
            return [];
        }

        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (candidate, entry) in _byLooseKey)
        {
            if (entry is null)
            {
                continue;
            }

            var distance = Distance(key, candidate);
            var close = distance <= Math.Max(1, Math.Min(key.Length, candidate.Length) / 3)
                || (key.Length >= 3 && (candidate.Contains(key, StringComparison.Ordinal) || key.Contains(candidate, StringComparison.Ordinal)));
            if (close && (!best.TryGetValue(entry.Code, out var known) || distance < known))
            {
                best[entry.Code] = distance;
            }
        }

        return best.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(max).Select(p => p.Key).ToImmutableArray();
    }

    private static void Add(Dictionary<string, CarrierEntry?> index, string key, CarrierEntry entry)
    {
        if (key.Length == 0)
        {
            return;
        }

        // A key two carriers share is ambiguous: remembered as null so that it matches neither.
        if (!index.TryGetValue(key, out var known))
        {
            index[key] = entry;
        }
        else if (known is not null && !ReferenceEquals(known, entry))
        {
            index[key] = null;
        }
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > MaxSuggestionKeyLength)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
