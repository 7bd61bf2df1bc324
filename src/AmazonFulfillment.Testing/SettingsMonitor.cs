using Microsoft.Extensions.Options;

namespace AmazonFulfillment.Testing;

/// <summary>An <see cref="IOptionsMonitor{TOptions}"/> whose value a test sets; listeners are told of each change.</summary>
/// <typeparam name="T">The options type.</typeparam>
/// <param name="initial">The first value.</param>
public sealed class SettingsMonitor<T>(T initial) : IOptionsMonitor<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<Action<T, string?>> _listeners = [];
    private readonly Dictionary<string, T> _named = new(StringComparer.Ordinal);
    private T _current = initial ?? throw new ArgumentNullException(nameof(initial));

    /// <inheritdoc />
    public T CurrentValue
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Replaces the value.</summary>
    /// <param name="value">The new value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void Set(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Action<T, string?>[] listeners;
        lock (_gate)
        {
            _current = value;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(value, Options.DefaultName);
        }
    }

    /// <summary>Replaces the value of one name (an Amazon store's settings, say); the unnamed value is <see cref="Set(T)"/>'s.</summary>
    /// <param name="name">The options name; <see cref="Options.DefaultName"/> (empty) or null is the unnamed value.</param>
    /// <param name="value">The new value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void Set(string? name, T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrEmpty(name))
        {
            Set(value);
            return;
        }

        Action<T, string?>[] listeners;
        lock (_gate)
        {
            _named[name] = value;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(value, name);
        }
    }

    /// <summary>Gets the value of a name: the unnamed value for <see cref="Options.DefaultName"/> or null, else the value
    /// <see cref="Set(string, T)"/> gave that name.</summary>
    /// <param name="name">The options name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">No value was set for <paramref name="name"/>: a test that forgets a store's
    /// settings fails loudly instead of silently using another store's.</exception>
    public T Get(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return CurrentValue;
        }

        lock (_gate)
        {
            return _named.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"No value is set for the options name '{name}'.");
        }
    }

    /// <inheritdoc />
    public IDisposable OnChange(Action<T, string?> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Subscription(this, listener);
    }

    private sealed class Subscription(SettingsMonitor<T> owner, Action<T, string?> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners.Remove(listener);
            }
        }
    }
}
