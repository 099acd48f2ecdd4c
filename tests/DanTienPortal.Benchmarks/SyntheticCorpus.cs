using DanTienPortal.Web.Search;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// A larger corpus made from the real one, deterministically: each document is a variant of a
/// real page (its sentences shuffled and thinned, a few sentences of other pages mixed in, its
/// title reworded), so that the larger collection has the topics and word statistics of the
/// commune's own text, as years of news and procedure revisions would.
/// </summary>
public static class SyntheticCorpus
{
    public static List<SearchDocument> Generate(IReadOnlyList<SearchDocument> real, int count, int seed = 42)
    {
        var random = new Random(seed);
        static string[] Sentences(string text) => text.Split(['.', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sentencesOf = real.Select(d => Sentences(d.Body)).ToArray();
        var titleWords = real.SelectMany(d => d.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

        var documents = new List<SearchDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var index = random.Next(real.Count);
            var template = real[index];
            var own = sentencesOf[index].Where(_ => random.NextDouble() < 0.8).OrderBy(_ => random.Next());
            var borrowed = Enumerable.Range(0, random.Next(4)).Select(_ =>
            {
                var other = sentencesOf[random.Next(sentencesOf.Length)];
                return other.Length == 0 ? "" : other[random.Next(other.Length)];
            });
            var title = $"{template.Title} {string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => titleWords[random.Next(titleWords.Length)]))}";
            documents.Add(template with
            {
                Id = $"synthetic:{i}",
                Url = $"/tong-hop/{i}",
                Title = title,
                Body = string.Join(". ", own.Concat(borrowed)) + ".",
                Published = template.Type == SearchTypes.News ? new DateOnly(2024, 1, 1).AddDays(random.Next(1060)) : null,
            });
        }

        return documents;
    }
}
