using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace DanTienPortal.Web.Search;

/// <summary>
/// Weighs a match by what kind of page it is (a procedure is what most people look for) and,
/// for news only, by how recent it is.
/// </summary>
public sealed class PortalScoreQuery(Query query, int today) : CustomScoreQuery(query)
{
    /// <summary>Weight per kind, in the order of <see cref="SearchIndex.Kind"/>: procedure, plan, page, news.</summary>
    private static readonly float[] KindWeights = [1.0f, 0.85f, 0.75f, 0.8f];

    /// <summary>News loses weight with age: half of what it loses by 90 days, never below 60%.</summary>
    public static float Recency(int ageDays) => 0.6f + (0.4f / (1f + (Math.Max(0, ageDays) / 90f)));

    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) => new Provider(context, today);

    public override bool Equals(object? o) => o is PortalScoreQuery other && other.GetHashCode() == GetHashCode() && base.Equals(o);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), today);

    private sealed class Provider(AtomicReaderContext context, int today) : CustomScoreProvider(context)
    {
        private readonly NumericDocValues? _kind = context.AtomicReader.GetNumericDocValues("kind");
        private readonly NumericDocValues? _published = context.AtomicReader.GetNumericDocValues("published_days");

        public override float CustomScore(int doc, float subQueryScore, float valSrcScore)
        {
            var kind = (int)(_kind?.Get(doc) ?? 0);
            var score = subQueryScore * KindWeights[Math.Clamp(kind, 0, KindWeights.Length - 1)];
            if (kind == 3 && _published?.Get(doc) is > 0 and var published)
            {
                score *= Recency(today - (int)published);
            }

            return score;
        }
    }
}
