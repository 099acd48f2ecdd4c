namespace DanTienPortal.Tests.Faults;

/// <summary>
/// The fault tests that run the portal as a process under load: one at a time, so that their
/// timings measure the fault rather than each other (two cores do not start four portals and
/// their citizens at once).
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection
{
    public const string Name = "Faults under load";
}
