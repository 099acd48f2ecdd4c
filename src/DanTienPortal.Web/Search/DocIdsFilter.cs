using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DanTienPortal.Web.Search;

/// <summary>Lets through exactly the given documents (index-wide ids), segment by segment.</summary>
public sealed class DocIdsFilter(IEnumerable<int> documents) : Filter
{
    private readonly int[] _documents = documents.Order().ToArray();

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var maxDoc = context.AtomicReader.MaxDoc;
        var bits = new FixedBitSet(maxDoc);
        var first = Array.BinarySearch(_documents, context.DocBase);
        for (var i = first < 0 ? ~first : first; i < _documents.Length && _documents[i] < context.DocBase + maxDoc; i++)
        {
            bits.Set(_documents[i] - context.DocBase);
        }

        return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
    }
}
