using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DanTienPortal.Web.Search;

/// <summary>
/// Counts, for every matching document, the values of single-valued facet fields kept as
/// sorted doc values: per segment by ordinal, turned into values when the segment ends.
/// </summary>
public sealed class FacetCollector(params string[] fields) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts = fields.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal));
    private readonly SortedDocValues?[] _values = new SortedDocValues?[fields.Length];
    private readonly int[][] _segmentCounts = new int[fields.Length][];

    public bool AcceptsDocsOutOfOrder => true;

    public IReadOnlyDictionary<string, Dictionary<string, int>> Counts
    {
        get
        {
            FlushSegment();
            return _counts;
        }
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        for (var i = 0; i < fields.Length; i++)
        {
            _values[i] = context.AtomicReader.GetSortedDocValues(fields[i]);
            _segmentCounts[i] = new int[_values[i]?.ValueCount ?? 0];
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (_values[i] is { } values && values.GetOrd(doc) is >= 0 and var ord)
            {
                _segmentCounts[i][ord]++;
            }
        }
    }

    private void FlushSegment()
    {
        var term = new BytesRef();
        for (var i = 0; i < fields.Length; i++)
        {
            if (_values[i] is not { } values)
            {
                continue;
            }

            for (var ord = 0; ord < _segmentCounts[i].Length; ord++)
            {
                if (_segmentCounts[i][ord] > 0)
                {
                    values.LookupOrd(ord, term);
                    var key = term.Utf8ToString();
                    _counts[fields[i]][key] = _counts[fields[i]].GetValueOrDefault(key) + _segmentCounts[i][ord];
                    _segmentCounts[i][ord] = 0;
                }
            }
        }
    }
}
