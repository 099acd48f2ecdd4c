using Microsoft.EntityFrameworkCore.Design;

namespace DanTienPortal.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the app or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) => new(PortalDbContext.OptionsFor("Host=127.0.0.1;Database=portal"));
}
