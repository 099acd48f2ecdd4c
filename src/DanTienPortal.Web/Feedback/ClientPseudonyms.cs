using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace DanTienPortal.Web.Feedback;

/// <summary>
/// The name a client's rate limits are counted under: HMAC-SHA256 of its address with a random
/// key that the nodes share through the database (<see cref="RateLimitKey"/>). The address is
/// personal data; the hash lets every node recognise the same client without it being stored, and
/// the key keeps anyone who sees only the counts from hashing all 2^32 IPv4 addresses to find
/// whose row is whose.
/// </summary>
/// <remarks>
/// An IPv6 client is counted by its /64 network: a home or a phone is given a whole /64 and could
/// otherwise take a fresh address for every request.
/// </remarks>
public sealed class ClientPseudonyms(NpgsqlDataSource dataSource) : IDisposable
{
    /// <summary>Bytes in a pseudonym (an HMAC-SHA256).</summary>
    public const int Length = HMACSHA256.HashSizeInBytes;

    /// <summary>Bytes in the key.</summary>
    public const int KeyLength = 32;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    /// <summary>The pseudonym of <paramref name="address"/>; one for every request whose address is unknown.</summary>
    public async ValueTask<byte[]> OfAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var key = Volatile.Read(ref _key) ?? await LoadKeyAsync(cancellationToken);
        return HMACSHA256.HashData(key, Significant(address));
    }

    public void Dispose() => _loading.Dispose();

    private static byte[] Significant(IPAddress? address)
    {
        if (address is null)
        {
            return [];
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? bytes[..8] : bytes;
    }

    /// <summary>Reads the shared key once per process, storing a new one first when the database has none.</summary>
    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } loaded)
            {
                return loaded;
            }

            // When several nodes start together, the first insert wins and every node reads that key.
            await using (var insert = dataSource.CreateCommand("INSERT INTO rate_limit_keys (id, key) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING"))
            {
                insert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = RateLimitKey.OnlyId });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = RandomNumberGenerator.GetBytes(KeyLength) });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var select = dataSource.CreateCommand("SELECT key FROM rate_limit_keys WHERE id = $1");
            select.Parameters.Add(new NpgsqlParameter<short> { TypedValue = RateLimitKey.OnlyId });
            var key = (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
            Volatile.Write(ref _key, key);
            return key;
        }
        finally
        {
            _loading.Release();
        }
    }
}
