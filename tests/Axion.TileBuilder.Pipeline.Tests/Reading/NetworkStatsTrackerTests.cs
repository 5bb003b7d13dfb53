using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

public class NetworkStatsTrackerTests
{
    /// <summary>
    /// <c>VSINetworkStatsGetAsSerializedJSON</c> of GDAL 3.6.2 after one failed open of <c>a.tif</c>
    /// (a HEAD answered 403) and one windowed read of <c>b.tif</c> over loopback (a HEAD, a 64 KB
    /// ingest GET and one multi-range read of three parallel GETs), verbatim.
    /// </summary>
    private const string Gdal362Json = """
        {
          "methods":{
            "HEAD":{
              "count":2
            },
            "GET":{
              "count":2,
              "downloaded_bytes":139264
            }
          },
          "handlers":{
            "vsicurl":{
              "methods":{
                "HEAD":{
                  "count":2
                },
                "GET":{
                  "count":2,
                  "downloaded_bytes":139264
                }
              },
              "files":{
                "\/vsicurl\/http:\/\/127.0.0.1:35019\/b.tif?st=1&sig=ok":{
                  "methods":{
                    "GET":{
                      "count":2,
                      "downloaded_bytes":139264
                    }
                  },
                  "actions":{
                    "Read":{
                      "methods":{
                        "GET":{
                          "count":1,
                          "downloaded_bytes":65536
                        }
                      }
                    },
                    "ReadMultiRange":{
                      "methods":{
                        "GET":{
                          "count":1,
                          "downloaded_bytes":73728
                        }
                      }
                    }
                  }
                }
              },
              "actions":{
                "Stat":{
                  "methods":{
                    "HEAD":{
                      "count":2
                    }
                  },
                  "files":{
                    "\/vsicurl\/http:\/\/127.0.0.1:35019\/a.tif?st=1&sig=bad":{
                      "methods":{
                        "HEAD":{
                          "count":1
                        }
                      }
                    },
                    "\/vsicurl\/http:\/\/127.0.0.1:35019\/b.tif?st=1&sig=ok":{
                      "methods":{
                        "HEAD":{
                          "count":1
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void Lookup_sums_the_downloaded_bytes_of_the_file_ignoring_its_query_string()
    {
        var (bytes, requests) = NetworkStatsTracker.Lookup(Gdal362Json, "/vsicurl/http://127.0.0.1:35019/b.tif");

        Assert.Equal(139264, bytes);
        Assert.True(requests >= 2, $"requests {requests}");
    }

    [Fact]
    public void Lookup_of_a_file_without_downloads_or_unknown_is_zero_bytes()
    {
        Assert.Equal(0, NetworkStatsTracker.Lookup(Gdal362Json, "/vsicurl/http://127.0.0.1:35019/a.tif").Bytes);
        Assert.Equal((0L, 0L), NetworkStatsTracker.Lookup(Gdal362Json, "/vsicurl/http://127.0.0.1:35019/c.tif"));
        Assert.Equal((0L, 0L), NetworkStatsTracker.Lookup(Gdal362Json, "/vsicurl/http://127.0.0.1:35019/b.ti"));
    }

    [Fact]
    public void Lookup_adds_up_entries_of_the_same_path_signed_differently()
    {
        const string json = """
            {"handlers":{"vsicurl":{"files":{
              "/vsicurl/https://h/x.tif?sig=one":{"methods":{"GET":{"count":3,"downloaded_bytes":1000}}},
              "/vsicurl/https://h/x.tif?sig=two":{"methods":{"GET":{"count":2,"downloaded_bytes":500}}},
              "/vsicurl/https://h/x.tif.aux":{"methods":{"GET":{"count":7,"downloaded_bytes":9999}}},
              "/vsicurl/https://h/y.tif":{"methods":{"GET":{"count":9,"downloaded_bytes":8888}}}
            }}}}
            """;

        Assert.Equal((1500L, 5L), NetworkStatsTracker.Lookup(json, "/vsicurl/https://h/x.tif"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"methods":{}}""")]
    [InlineData("""{"handlers":{"vsis3":{"files":{}}}}""")]
    public void Lookup_of_empty_statistics_is_zero(string json)
    {
        Assert.Equal((0L, 0L), NetworkStatsTracker.Lookup(json, "/vsicurl/https://h/x.tif"));
    }

    [Fact]
    public void Measure_returns_the_read_result_and_the_bytes_served_for_that_file()
    {
        using var dir = new TempDirectory();
        var path = TestRasters.Write(dir.File("m.tif"), 100, 100, new GeoTransform(400000, 10, 0, 4000000, 0, -10), creationOptions: ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"]);
        using var server = new LoopbackFileServer();
        var url = server.Add($"m-{Guid.NewGuid():N}.tif", File.ReadAllBytes(path)); // unique: GDAL caches by URL, and ports get reused
        var tracker = new NetworkStatsTracker();
        var signed = new Uri(url + "?sig=measure");

        var (value, bytes, requests) = tracker.Measure(url, () =>
        {
            using var ds = GdalDataset.Open("/vsicurl/" + signed, GdalAccess.ReadOnly, ["GTiff"]);
            var buffer = new ushort[1];
            ds.GetBand(1).Read<ushort>(90, 95, 1, 1, buffer);
            return buffer[0];
        });

        Assert.Equal(TestRasters.Value(90, 95), value);

        // The server records a request once its response is written, which can be a moment after GDAL has the bytes.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<RecordedRequest> gets;
        while ((gets = [.. server.Requests.Where(r => r.Method == "GET")]).Sum(r => r.BodyBytes) < bytes && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
        }

        Assert.NotEmpty(gets);
        Assert.Equal(gets.Sum(r => r.BodyBytes), bytes);
        Assert.InRange(requests, 1, server.Requests.Count); // GDAL operations: the HEAD and the reads
    }
}
