using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DanTienPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SharedRateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rate_limit_keys",
                columns: table => new
                {
                    id = table.Column<short>(type: "smallint", nullable: false),
                    key = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rate_limit_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rate_limit_windows",
                columns: table => new
                {
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    action = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    client = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    hits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rate_limit_windows", x => new { x.window_start, x.action, x.client });
                })
                .Annotation("Npgsql:UnloggedTable", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rate_limit_keys");

            migrationBuilder.DropTable(
                name: "rate_limit_windows");
        }
    }
}
