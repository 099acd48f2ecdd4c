namespace DanTienPortal.Web.Staff;

/// <summary>The problems of a submitted staff form, each shown next to its field and listed at the top.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public IEnumerable<KeyValuePair<string, string>> All => _errors;

    /// <summary>The first problem of a field is the one shown.</summary>
    public void Add(string field, string message) => _errors.TryAdd(field, message);

    public string? this[string field] => _errors.GetValueOrDefault(field);

    /// <summary>The id of a field's message, for aria-describedby; null when it has none.</summary>
    public string? Id(string field) => _errors.ContainsKey(field) ? $"loi-{field.ToLowerInvariant()}" : null;

    /// <summary>The value of aria-invalid: "true" or no attribute at all.</summary>
    public string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;
}
