// Test fixtures made by Python 3.11.7 (zlib 1.2.13, numpy 2.4.6) with the script below.
// To regenerate: save the script as gen.py, run `python3 gen.py > Fixtures.swift`.
/*
import sys, zlib, gzip, base64, io, struct, numpy as np, textwrap

def sample(n):
    """Same generator as sampleData(_:) in the Swift tests."""
    s = 12345
    d = bytearray()
    for i in range(n):
        s = (s * 1103515245 + 12345) & 0x7fffffff
        r = s >> 16
        if i >= 30000 and i % 1000 != 0:
            d.append(d[i - 30000])
        elif i >= 2000 and (i // 500) % 2 == 0:
            d.append(d[i - 1999])
        elif (i // 300) % 7 == 3:
            d.append(ord('z'))
        else:
            d.append(ord('a') + r % 4)
    return bytes(d)

def raw(data, level=9, strategy=zlib.Z_DEFAULT_STRATEGY, chunks=None):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    out = b''
    if chunks:
        for ch in chunks:
            out += c.compress(ch) + c.flush(zlib.Z_SYNC_FLUSH)
        return out + c.flush()
    return c.compress(data) + c.flush()

big = sample(36000)
small = sample(3000)
fx = {}
fx['dynamic'] = raw(big)
fx['fixed'] = raw(big[:4000], strategy=zlib.Z_FIXED)
fx['stored'] = raw(None, level=0, chunks=[small[:1000], small[1000:1001], small[1001:3000]])
# a dynamic block, an empty stored block (sync flush), then more blocks
c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY)
fx['mixed'] = c.compress(small) + c.flush(zlib.Z_SYNC_FLUSH) + c.compress(small[:500]) + c.flush()
fx['zeros'] = raw(bytes(1_000_000))
fx['gzip'] = gzip.compress(small, mtime=0)
fx['gzip2'] = gzip.compress(small[:1000], mtime=0) + gzip.compress(small[1000:], mtime=0)

# a member with every header flag: FTEXT FHCRC FEXTRA FNAME FCOMMENT
hdr = bytes([0x1f, 0x8b, 8, 0x1f]) + struct.pack('<I', 1234567890) + bytes([2, 3])
hdr += struct.pack('<H', 6) + b'AB\x02\x00hi' + b'digits.txt\x00' + b'a comment\x00'
hdr += struct.pack('<H', zlib.crc32(hdr) & 0xffff)
fx['gzipflags'] = hdr + raw(small) + struct.pack('<II', zlib.crc32(small), len(small))

def npy(a, version=None):
    f = io.BytesIO()
    if version: np.lib.format.write_array(f, a, version=version)
    else: np.save(f, a)
    return f.getvalue()

fx['npy_f4'] = npy(np.arange(6, dtype='<f4').reshape(2, 3) - 2.5)
fx['npy_u1'] = npy(np.arange(12, dtype='u1').reshape(3, 2, 2) * 20)
fx['npy_f8'] = npy(np.array([1.5, -2.25, 1e300], dtype='<f8'))
fx['npy_i8'] = npy(np.array([-3, 0, 7, 2**40], dtype='<i8'))
fx['npy_i4'] = npy(np.array([[1, -2], [3, -4]], dtype='<i4'))
fx['npy_i2'] = npy(np.array([-300, 300], dtype='<i2'))
fx['npy_i1'] = npy(np.array([-128, 127], dtype='i1'))
fx['npy_be'] = npy(np.array([1.0, -0.5, 3.25], dtype='>f4'))
fx['npy_fortran'] = npy(np.asfortranarray(np.arange(24, dtype='<i4').reshape(2, 3, 4)))
fx['npy_v2'] = npy(np.arange(4, dtype='<f4'), version=(2, 0))
fx['npy_v3'] = npy(np.arange(4, dtype='<f4'), version=(3, 0))
fx['npy_scalar'] = npy(np.float32(4.5))

def npz(compressed, **arrays):
    f = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(f, **arrays)
    return f.getvalue()

x = (np.arange(5 * 2 * 2) * 13 % 256).astype('u1').reshape(5, 2, 2)
fx['npz_stored'] = npz(False, x=np.arange(12, dtype='<f4').reshape(3, 4) / 8, y=np.array([2, 0, 1], dtype='<i8'))
fx['npz_compressed'] = npz(True, x=x, labels=np.array([9, 8, 7, 6, 5], dtype='u1'))
fx['npz_keras'] = npz(True, x_test=x, y_test=np.array([1, 2, 3, 4, 5], dtype='u1'),
                      x_train=x[:2], y_train=np.array([0, 1], dtype='u1'))
fx['npz_onehot'] = npz(False, X=np.ones((3, 2), dtype='<f8'), y=np.eye(4, dtype='<f4')[[3, 0, 2]])
fx['npz_badlabels'] = npz(False, x=np.ones((3, 2), dtype='<f4'), y=np.array([1, 2], dtype='<i8'))

print('// Test fixtures made by Python %s (zlib %s, numpy %s) with the script below.' % (sys.version.split()[0], zlib.ZLIB_VERSION, np.__version__))
print('// To regenerate: save the script as gen.py, run `python3 gen.py > Fixtures.swift`.')
print('/*')
print(open(__file__).read().rstrip())
print('*/')
print()
print('import Foundation')
print()
print('enum Fixtures {')
for k, v in fx.items():
    b = base64.b64encode(v).decode()
    lines = textwrap.wrap(b, 100)
    print(f'    static let {k} = base64("""')
    for l in lines: print('        ' + l)
    print('        """)')
print()
print('    static func base64(_ text: String) -> [UInt8] {')
print('        [UInt8](Data(base64Encoded: text.filter { !$0.isWhitespace })!)')
print('    }')
print('}')
print({k: len(v) for k, v in fx.items()}, file=sys.stderr)
print('first block types', {k: (fx[k][0] >> 1) & 3 for k in ['dynamic','fixed','stored','mixed']}, file=sys.stderr)
*/

import Foundation

enum Fixtures {
    static let dynamic = base64("""
        7Z1rcu3IjYTXiscqZvXDyi+zqF8OzzjCEfbh7bb7Sjoii1UAEo8EWNWz3TNdO7vVzz/b5791fjLPd59vz/ONPh95/vP82883R997
        PlnP98+nzseev53PbT0/1DfPN+b597nOc63n697d58vz9/Orzx2e7597ln7+/JL+9lz0+dzz1XOl0S2fVT5/0yWfi+mW57t1vtRt
        nsvWaOnn58/Vn6sUi3++Orfnf7qSHuX87DxFjTbhrP3c9DwtizpX4Lp6gudqo4vrp3y0dIGzktHPzwdGz77n0c8Tn8uzLl1Kz6iH
        Pc9+HlePch5iWMiuHkJbrMfec0L8n7Zb/5yj0bLPbz13OOt6/jn/nlMqHWB7y1nI8zcf157FljZUW3y25TyCVlznd84T9Hk6bdDq
        SDki7ftqa7hzLnRupN8brWL93Gc7zh60bqtr9lnRkZ1z3eLvfU7rCE+zxtHhngs+1+pudu788llA89HzWOeDZcE46zgPfBapIx39
        v8R2EVP9/Kx/tY29FgUOFYHWXdc3He54fqER+7Ok7ZwRkloS5Gquq+uXNEZ6pbtI/s7NG6GT0j0L/p/vzz/955yTD/+If0vnzgZX
        dEhSLoE/4rgcO4IhpdAPj1AegZYpw8RJYfj+ucxK4VvaZxsk2Vsr0rGa/ALGSwvSsWuJKynk2DGDLKSjSFioXkzISj9Gqiy5aqT8
        rLCvvZJhO0vAFElfJOCxI9J7LUTfOvaGVUqVeWCbwEJE9TjncyUTttwXHfZHJfOyonrs4aoyAjxvL+ZZH68YQ77Qpo8/rf0QTJzr
        jBCmpMRleyWzIpuxIIfMqVaNMssiyoQCHY2FH46qWKeM6zY4cTZLmnqebPhtWcMSXui/giItHTk453p+HRhsFHeuAbcdHVnC1s+P
        TOhSpc0DEJv1Lyere64sli5nwcK4SCzYRbYHu8qZ6Aotw9WCMcTB0hpgLVnUD85/Ds4XbNUuA7YWTz2cxBtxMtKvoBV05aQXs6Oz
        lsUsIG10GoN0LsDIvbTY4nagpT6UAyvuoYORGsSNkErY/ALdOmedB8J9tpntlSoBp5zGcvvCjYjBkRBdPdMTjL/XQgfbGQHwyrCc
        bcXsSg9kU7LsRkZaJ6V74spI2HgiBIOnkVK1TJK0Rztu98BejtwRiRcq0Bgplt9RdUyMjBIowgliNobNR3jO8X5w/ntwPliokYic
        ZWEICtkDbCV48VYxrW3PG4+/4uZnuws/Ws/FNmkfpax6CONFo50st2QqCsOls9i1dZOMayEsD5dCR8OPBxjD3qOiXXjFPL78bZBt
        sCngkz0DQE+WV6joT65tPvCDqULDsJsl4NfjyyLIJlphOQzjoTa2y7LX2IBAdeHv4+JbvYe4B+wevALpLTouaS4wWWvj7pINR2ET
        w4Lb5RhM2P3B+c/BuRSBW6JjfO1I0jakIrerjeQw2W1ie7bLZqtYo36/ONKjavbh9ZEh1PW56yKLSVo+j1lYn5+VzafFQryj4BZg
        LLegrOR9j5QPAdMSAC7e3kDsO/ZKeicgHEx5OezXVtrmtAE1h8tZ6dllEddnLC0HX7OzKLU2ygauQAc2GFjyha2RJAIIq5DHJvCw
        VMkiE9JMO+gnTCqruh5Fdptz2w/Ofw/OwWgM5iJXVopJpq2ifW110JNhSqVjWNSqN/mEq4vHCNoNMI4XLnhaslUyckTSlbB57PsT
        LU+8Xwn5Yj70YHgEoBNptU3Azqmun4qfyr7bvY/5XC5CTCwNbKNBk0goSwfJBy2K7EQnEakt1C0lAGv/W0LT8T5mHGsQWxNCg5n2
        tvWwGCpieaOXFiJwb8RZR0jQI5vk4Ac3wsZUMCZZNAgprSBTufXB+e/BuVPCukPyOLJe+qFueaNnRcecKZZFeqeTJyUubJfdcdYN
        U4MQ4DNISQi++aUFU5cEEThFhpx0e7DeaTS86OKc9TXZMZtIAgBjurCYUANvNj5L4+OSlRqS+eXkOULMtrQrEc6jA8E6orXULW7E
        IJFWEH8l++2sPqE6xl0GIXkHbLgfozFscZr2rlJ6iA4b6IkxXEGoZCIwVo6P1ieIFUGVZVc+OP89OJf+2oICj821Zy+IIDokgfHx
        Wak+w9OOK2Fl5GwyzGwcxmap23XU0R4yWz7opK3eJKYU2DjQHJJLgHsTvQKZXohhzAU6kt4KBRQ0OEK3o83JY1MK9B4bc+7LURH7
        JyjQo2x8eLwU4Tr1ASf37BPZexZ83i0YHIO1bWqSIhhy0pVyOeJ4YMN6ruUqVysH8NWh6/AVBvU9cXkxun6DAVoRwPhF578I5+R8
        gNsmcC3q2IAbyXjKy4W+uE7NfqyxC313Oh1FTYWY2nl+Y5MJsC3ppMVIAwzFak78rQ4Z2nFpBe/4wpTQyaaDV+wtsu4YAGOB4+BM
        uoPjJAn6muLeP0V4mw/nt8BlrQ9DQK6xknrEHtjjZv8sFWO1biOxkNY5P9KADjNIVZZjIyO6DAZGiQSH1Gk5z4q/IsuFLScjkLIB
        hlqoogir64Pz34Pzf8eZWPAHe9S4kFjdAegbu0g0Pvb4Le/XWEpPK7bPF0o5f13Zu7tsMoBkO4Wt4R+s0k1CE2yAxvjNDkFQNYIa
        lwxIHAg98f6LnZXxElAX9TkXwHa9EjgGlC4kXkhnCoXYKSFnEedgwuzVO0xI0A8qF05I0vSLgLQDjiQSyntlC0sB4IPzX4NzySdJ
        2hh+yTQR4ZCm8la7DAvaEbE6RddOiYON7OikULXxvfHbizPbK2VlISQtgFbgl+P8163sN/siNNYySDW3a1kQ8ozKJL6w6C/BhOTd
        7qXUYVNISEgXLTyFDkN4IWTX+UuOtAZH06haKDETj+Xdfm1pin33U5X9ZGcsirFzQxpiOOK+lg+HwBYt3jugYL3EXXIGr67Fs2xB
        1Png/IPz/9Q/bR+8YZIa24YIuO1EvFXuMdp1wCaWluRf2EHgvixICuKXpxrXusfsGxJ5ufReuwfArguKrqo1zNqiAOmS4YQU6PC8
        nZwszDZ5BR4AHl4ot9y/Ma09CSU2ZEXylrUp3n1w/mtwbm4Ixo2IbimhqfBDOEsKyxUsBBLHev54ralCjcWwrA1ZWuJ3YzUATWl5
        eVqLcfiaFkJUCAldPxtBLEyyxcmokH0Gqv1WntBEVizdBmGdiA9HHpqeFZIUJAajzP1DZItC3Fj0qkN3j5KQELNPfQthzlWuyUgF
        87fI8rUrdfyvSAWUaXISQOc2nZZv9xTgU9TkfCeqa3qcaf+ARUFulBPwwfkH59+ffyBdJL2gsoTcElih4mZGT1MxRNVVxFjCfjgI
        PhhIa2XijVUchS1fy2XDJYCwiNnQ6OZr8DR1UZquqGLX0QHE9xuyuFfgg/PfgnOIZRcvUvFu7upngUFi0KR9DD6mUIPAEmJGEbU3
        phRyShpLqOi0o+GGLW7qGST3JfO9ppkbi+ZmkFhn2HfYYz32EjGHhzbhwEk5IMctVNK9xX1UteCCN9pzi26m2JH/M9UfPTOB0OI4
        7Cswn725xf52AQJtguFD0dxUQIm8MwxrTt3aLLiVcPeGDbBw3FNoSi+BSF09VC0Tb2wvmc402rXkfHD+e3C+RJXjXhZYZu7FgjcN
        r9wOL5LeTiyT+Vm8Z6fc7GPjYgMNnyfwz/+Za0xgwbdT5lXJaFJmdzcLZVD8CVs4E54cNFAltBC3g60Pzn8PzmcCSGmJok3U0Z7B
        IQ4lDW3pk6Djw22aLuXSoUqel00G0JQ2oo7NnjuaVbEI05Fy/EvPq5TuLTnwWMsI5W4ax6A3SLYnYnp+0tU0yprmc7tsxtBtdpnz
        55XF1buQeVvP6pLYY+M2dUEfStpQayudsR3+Lfx8fv/aRMgCEBLc65u21HFVkSRIwZnl+rhSSwkBWxC6L+JTofLALaIRZz44/z04
        517t7FCaRS45G1tKrqnSXkod2KbybXlz32mqt7b4PW8ra92uSZd7LZ3Qa7lJxVlGUYZDwUDSiDmmow2foa3r8wT+L7WJD85/Dc7d
        pXirNvOHBTf46A6pd+9UibRrekqLbWXDPdm7LuyeSSKMU+iE2wgQ9GsKvJ5iM5nMsB1SboHwsMyxk2lVtw9AdzoIvnmc/XMQdLRm
        HMXARwNWl7EOJuPayGOX+KjJtjZCBNBYVefPI5cQhzcpflJe9n3s1LwcO3qBem5ff4wnlQAW/of1Czdm3PRL6ZxUIBU6iLsT+iv4
        Ax/ZjTRKCxxz/sH5D8K5lQqr6y7TukTSPBDfxZ81z7L67l4GsJR9V7jlNEWaxzqMbyIFbLvP2awpnPR8Xf95Mn+GHtSm+JbGMjrT
        QXs7+PjlhgdMk4dgOaXHaXSGPfiUofjm6w6ZtaxzTjVqn/5b8PyD89+DczeS0kCxGf8yYCBZ8kvCwhjRxn1hfpzzcSaelaU7xE1n
        7q109wZwBp/DjDTGy0EN3bfVfD25xneWNL7tXb13mBUIS0QBlk1nPSa3O+GdRW8aZs1qt3wTcrgJh39vqR+KCYUrs/KpwI/pLkIC
        2z7q3syXue3ma2IBp0+MnUEW5Rl5QM7bMGtZ8qyZd5CMe2kpGbQRqajWs/seGuUmvhzU/qdXUz84///AOSVbaW1lsBOKOSFo3C4W
        79R9xPXYxwxQZFfCXqdfy60soaJDOjHTY9qjbDZkGESZ6J3ebbeWtEnrtMGWR11QKniPnAE3TsFN2jlhiGZQFTuII+yGrmVw4zh9
        xgLMuLnTHt3s1i5xNa5HSMMpJHaae2GlT0Y7wHrDwmALvNXrURzp+P+3aMoH5z8H51DDTebwSAmzKGFo2l03o/1aNmLx224Kg67J
        ooXcmeiTdFzI8xWqGmX57tvPignNCKe0yYHdNMAtkyl82gneXZ4vc9Qz7e6d6LipMnt2i0dWjHvYnRjoNIoniU0nS5pjLZXtsBqz
        xgCHXmcbyj36ZZId8O9ZOgyImo7AM/TKjL7KwLq2TwC3IBhgLaArxjOrXGDrDLUIXwauQ+bPWLFQaJp/Pjj/QTj3JMc1Z8ttImqY
        Jg7eO7/YCTEPWyKJRgvlZAraHbJqH8EDp0KE8STGd0oEnJBtb/e6XWsmo2PrTqhsYIg+8IxicOOH61f4zuych9Z5QAu2Turr3rML
        S3d+DcxyD5hDVfBlFpCA0ebZeeWTnDuOImm9AHQG44ERlRaWvdWurXdrMson54eyr7k65sJVcqHXGYdltB4/exvz4zv0O8dr/gzr
        +uD89+DcdsXDWt9tYTCUp6bT0rEBZYsBXM02IzOjj+xJpxjdnl24acGmPRr9g3BjFppVf++0SEoAHppqhn1C6DulzgGHhz0ZaBkS
        V236KRNt1s0clYGWtwGUcmClK9zzZ+6EpjuEccoee0rSjHbq0Nn0q+6o55TbY3HbQ1vTDdN3fvQ62edMwKZLfcKrq9Bi2ol61sCg
        aRtVuwnrM/GJJrRCHmiGFQR8cP57cH5Dc8e5128PsTNzEsvOORJYdHJ4cGFGuVeGtzulTZKIwhPm0VPTGQmH9LXnx+QOlUIR0xMS
        FttYS3Octmd74Nk4oKYkgFmnKzvtKPuHfQtFlXh60+Z1O2rLta025xdKb4Yim2bqIQ/lGRfrFOHrWXfaU9YRS/ttFu6Uy7TnyrQ5
        j8HELCzHYCGtdI57xCX99+NLuz0PCjFpBnfoOOj3VBt3sv3pCP7g/GfgfN0eaS4XpgFmpFsnPTKl3+a1ullxZrHx3gBjb+YHEwvC
        Rp+MTfH4OKJFVMx/KzbOGeK5kxISN1MbH9e6LZ15T8Kaw+ebuCfOObWrxO8+2ruGU54XunTeyLDG7THVL/OSb0RSe6nrmSBBrXv/
        sEvToNI3D9DvK3AwzR6UhwIt/XdunJ+Ms7rcgjww3P4itRLLmDKkNBstti1OkpRdwpZ9cP6DcD423QSifrVK3nqwGa7CQFez4xC9
        dXWaHBUUWk80vyPNSJu5ELd3/vpNWGH1y0iZl8N4w/BbUWsPgvEEt+vIuxPEwxWcZ2NslYtrHo1KO6hTZ3Y8yLWbtWKtv5Mt/L4m
        enLX5XsfJGYpeXlDOLyiyngNs/oqs+Iw+k4x7B1d09ZlM2Tdp2tWy7gXZfMI5vv0PSW/4mmd3bhMpbr97mC7XzUVouwH5z8H5+6D
        2JgnTzzE3fR6Ky9oyiuTiH5dBaZIdbO95pUx/hBi+H1FUDRyZu7MNb+FLC8FWkfiHfYLCYH15pnThuO+GRjj2NQwjgl0HfrK1uwd
        E8FF6s9UmjB1bzMZbB+77UmWj5k1zHbwiLgMkLkvP7opM7IX5Wmrrn2Tv7umfTz0ApvYrnrXffeMi+5oll9it3fA5tvCUqHjj3kQ
        fvMU/Xqdyj8A9cH5D0bn6xkFjI3y2wzK3c82cB5G6sYQZCoj3MpvZGJfxkWkDG+/kx0rCpihDe2ZDGm9qLRWdbwEE+ZcabOWcr4e
        /djOPFMCoD0W81p0Z9fOLbwtr2dS7sG9rX6PApwcF+A2zH5zhia+u8fCxJhakGgnMVe20raKasd7yPC6ti3KwI51U69DoRQKGTNj
        kqo1uONGbLygDn5Pprq2cd0FAo+cRQEAIm/P94K1732p3/tSv/elfuj+vS/1e1/q977UD86/96V+70v93pf6wfn3vtTvfanf+1I/
        OP/el/q9L/V7X+oH59/7Ur/3pf7r70v9Xw==
        """)
    static let fixed = base64("""
        S0xMSk5JSkpOTkpMSU5JSUwCwpQkEJ0IkkkGigKFk4ECSSAlQAqIkoCCyWAxoMpEoDhIFUgZkAVSl5IIlAQLggSSgQhoDtAsID8p
        JSUFyAWxQVqBNgDFQXYmguWBmsAsoKFAdUAe0KRksJVAVwJZYCOBhoGtBIkmgrhga4DGJiaDnQ6SB5oONCUR4nggD2Q9BINNAnsF
        JAfyRWIyOBBAbgdZCvItxFEgEyDmgn0ANC0ZbDhYFqI0EWwAyCXJYHmQgmSw31NAXgf5GGQ8xF1go8B+BHsW5HeQd8FeAXkiGeKQ
        lBSwJ8BBDPZ2CiiGIAQ4uMEQFDVgZ4N0AW0AuQsIQQgUS4ngCEyCBjnEIUAWNLpSQI5NBAcoOIhBwQLyAtjFiSA9IB8kgXwHDqAU
        cJRCoggc7ingoIHYDDMIZBFYXzLYFSlQf4OCAxQGSWBrwWYmgVwESjsgcxMh7CRQbIESTxLEjcngyAUZCDQrKSkJEnIgzSAHJEGU
        grwFUpgITRggd4A8DHIkOEqTwSQ42aZAkilYHuT+FHAwJqVAkwIkUiEJGmxrCtTSZIiNIA1JkGQPclJKEiyOICk1EZyQE5Mg5oLN
        TwTnGHC+AtsCTn8gy5MgiQ6c6YAOrhoFRANQPEEjH5T8k8B5DhTAibA8BE7l4AQPSo4pkGiHJAxwpgBLghIlKEGDizJIEQfOMBBx
        kDEp4AyfBM590DIInPZSoBkJVGpCNEAKL7CDwNEOdmIKOBVCoh1SDEIckgTLSJASKikFUoSkgPNHMjgrg9NVEiSVg1yYBC+vwAUb
        yAmQogicX8AJHFaOgPM92CFgIVB5A3ElOCtDPAwtAhMhSRTsHZC6RHARlgKxF5KHoUrBaR5cioK9nQwxFVwIQPyblAIpnsHKE2GF
        IYQDDvRkqGpweICrCZA5yeAaJhGciROh5RW4WAGXGSmQmgNcnIJdDcnM4BIRXIRCqo4kSAmfDImqRIg7wYVrShKkngAFFjingnyW
        DNENLg0TwfUFmAZXRWCnQ9IBKF5B2iHVYBIk4ybDC3BoOZoMLgmTwPKgNAE2KhEceJAKMQni/hRIzILtTAGXWGDjoAkLUriAkwUk
        FCHBAylXIXECNiEJXHAlgasxSHKAplZYxZoILlFHq/MRV52nQOpWcChDKlto8gR7Dpy8IckJWtOngKtWSO0KiekUSLEDjmtwiZkI
        qdKSwbGRDEmdKZCKEWIX2LGJEOsgtSVYESzCEiF2gCMGnA1gzQhwloAWv5CqGxzP4PiAJG5QMEOCF5yVINUpJDZSINYnQpoRsAIH
        nIjg+Qzsg2SoWBK4doCWM+AKOAVcsICCFVLsgvMBuEyBOTsJkkaSwDEFthPSlAEnNoiPIAkD4htwpkoCF0ng3AMOcWjzANrKATdH
        wMkLkgWSIIUUxPlJsKwOKWLAhRKkFoHEIKTYSIYEPiTxgKJ3tDofedV5MqSESgYnEZCzIAVBIiTtQSpbcMKDtVYhRWsStOUNafEn
        wpr5sOBOhLSjwf6CBBM4HMGZFewJaH2RBMmdEOcmgouKREjBBY6LlBRo6QZO42CHQJwHaVKAowYinQypxiDlPSSLJiVCWsUQ74Pb
        25CaLRlSpkDqJ2jLAFLpgUtecK0IVZkCLfMh1Q+kqILkMEi5mQiu+MHeB5cI4DIRmmEhkQGtD8EBm5QITXtJkDIAVlUnQtr7kCY+
        NHsnQ/o9kLo7GdIqAOdbSB4Hp+ZESJ0MdhvEdnDagPbCkmEFC6TZBe2DgRQDAA==
        """)
    static let stored = base64("""
        AOgDF/xhYWJjZGJiY2NiYWRjZGRhYmFiYWRiZGFiYWFhYmNkY2FkY2NkZGNkYWJiY2JhZGFiYmFiYmJkY2NjY2RhYmJiZGFhY2Jh
        YWRjY2NkZGNiYWFiYmNiZGFjZGFhYWRjY2JhYWJjYWJjY2FkZGNhY2NiYmRkZGJjY2NhY2NkYWFjY2RjZGNhYWJhZGFkY2FjY2Fh
        ZGRhZGNhYWNiZGRiYWFkYWNkY2JhYmJiY2RiZGNiZGNjYmFjYWRiYWFkY2JiYmNhYmFjYWNiYWFiZGJjYWNkYmRhYmNhZGJjZGFj
        YWFhY2NkZGNkYmNkZGRjYWRkY2FkZGJjZGJkYmFkYWJjZGRjY2RhYmFjYWJjZGJhYWJiZGRiYWRjZGFkY2FhYmFjYWFhYmRiY2Fj
        YmNjYWRhY2NjYmNhZGJkY2FhYmRkYmFkY2FjZGFiYWJiYmNjZGFjY2NjYmNhY2FhYWRjZGFhYmNjY2JiYWNhYmRiZGFiY2RiY2Fj
        Y2FhZGRkY2FjY2RjZGNkZGFkYWRjYmJhY2JhY2NhYmNkYmRkZGFiY2FjY2NkYWNkYmRjZGRiYmNkZGJiY2RhYWNiYWJhYmFiY2Fk
        Y2JjZGJhY2NhYmFiZGFkYmRiZGJiZGJiYWJiYWFhYWFiY2JjY2JiZGRkY2NjYmJhYmRkYWFjYmFhZGRkYWNjYWRjYmRjZGFjZGNk
        ZGJjYmNjZGJjY2NiYWNiYmRhZGNkYmFjZGFkYWJhY2RkYWNkYWRjYWNjYWNiYmJjZGFhYWJkY2FiYWJkY2FkY2JkY2RiZGRkZGFk
        Y2RjYmJkYmJkY2FiZGJkYWNhYWFhY2FiYmFkZGRhYmFjZGFiZGRjY2JkYWFkZGFjYWRjY2JkYWJhYWNjYmNiZGJhYWNiYWFjYmNh
        YmFkZGFkZGJiYmJiYWNjYWFkY2RhYmNiYmJiY2JjYmRiY2NiYmNiY2FhZGNjYmFjYWNiZGNiYmRkYWNiYmNkYmFhY2NkYmFhYWJi
        YWJkYWFkY2NjY2JiZGRjZGFhZGJhYmFiYmRhZGFiY2RkZGNhYWJkYmRhYWNiZGRhZGRkYmJiYWNjYWNhYmNiYmJhYWRiYmNjY2Rh
        YmFkZGJkYmFiY2FjY2NkYmRkYmFhYWNkY2FhYWJhYWRiYWJjZGFhZGFjYmFkYWFkY2RkYmRhZGFkZGNhZGJkZGNiZGFiYWNhY2Ni
        YWRiZGN6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6
        enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6AAAA//8AAQD+/3oAAAD//wDPBzD4enp6enp6enp6enp6enp6enp6enp6enp6
        enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6
        enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6enp6
        enp6enp6enp6enp6enp6enp6enp6enp6emRkZGNiYmNiY2JkZGNiY2JhY2NjY2NkZGJhY2JiYWNiYWNhYmRkYWRjY2NiZGRkZGRi
        ZGFhZGNhY2JkY2JhYWFhYWRhZGNjYWNhYWNkYWRiYmRjY2RjY2RkY2FhYWFiYWNhYWNkY2JhY2RjYWRhY2JiZGNkZGNkY2JhYmJj
        ZGFiY2RjYmJhYmRkY2RiYmFhYmFjYWJhZGFkY2NiZGRjY2RhYWRkZGRjYmRiYmRkYWJkYWRhZGNjYmFhYmJkYWFkY2JkYWNkYWRj
        YWJjZGFjYWJkZGNhY2RhZGNhYmJhY2NjYWJhYWJjYWNiYmNiYmJiYWRiYmJkYmRiYWRhYmNjYWRiY2JjZGNkYWNjY2JhY2NiY2Nj
        ZGJhZGNkZGFkYWRiYmFhYWJkZGNjYWRjZGRkYmNhYmJhYWJhZGJhY2RjZGFkYmJhZGRiY2RiYWNkYWFkYWRjYmJhZGJjYWFiYmNj
        ZGRiYmNiYmJkY2RjYmJiYWRkYmNkY2NjZGFkY2RiY2JkZGNkY2RiY2FiYmJiYmNkY2RhYWRkYmRiYmNkYmRhZGRiY2FhYmJiY2Nk
        YWRkYmNhYWNiYWFhY2JiYmJjZGNhYmRhZGRkY2JhZGNkY2NhYWJjZGFkYmNjYmFhYWFhYWJjZGFhYWJiZGFjYWRhYWJjYWJiY2Fj
        YWRiYmFkYmFhY2NkZGFjZGJjYWFkZGNkY2RjYWJjY2RkY2RjYWNiYmRjYWFkY2RiY2NhY2NkZGJjYWRiYWFjZGFjYmNhY2NiY2Ji
        Y2NkYmNhYWNjYmJhYWNhY2RiYmFhY2FkYWFjY2NhYWJiZGNhYWFhYWJhY2JjYWRhYmFhYWJiZGRjYWRiY2JjZGJjYWNjYWJkZGFh
        Y2JjY2JiYmNiYmJkZGNiYWJkYmFhY2FhYmRjZGNhZGNjY2RiYWJiY2FjZGJhY2NjYWNiYmFhZGNjYmJjY2FkYmNjZGRjZGNiYmNi
        YmJhZGFjZGFiY2RiZGFjYmFkY2RhYmRjYWRiY2NkZGJjZGJhY2JjYmJkZGJjYWRkY2JhZGFiY2JhY2FhY2RkY2FjY2JiZGFjYmRh
        YWJjZGJiY2NiYWRjZGRhYmFiYWRiZGFiYWFhYmNkY2FkY2NkZGNkYWJiY2JhZGFiYmFiYmJkY2NjY2RhYmJiZGFhY2JhYWRjY2Nk
        ZGNiYWFiYmNiZGFjZGFhYWRjY2JhYWJjYWJjY2FkZGNhY2NiYmRkZGJjY2NhY2NkYWFjY2RjZGNhYWJhZGFkY2FjY2FhZGRhZGNh
        YWNiZGRiYWFkYWNkY2JhYmJiY2RiZGNiZGNjYmFjYWRiYWFkY2JiYmNhYmFjYWNiYWFiZGJjYWNkYmRhYmNhZGJjZGFjYWFhY2Nk
        ZGNkYmNkZGRjYWRkY2FkZGJjZGJkYmFkYWJjZGRjY2RhYmFjYWJjZGJhYWJiZGRiYWRjZGFkY2FhYmFjYWFhYmRiY2FjYmNjYWRh
        Y2NjYmNhZGJkY2FhYmRkYmFkY2FjZGFiYWJiYmNjZGFjY2NjYmNhY2FhYWRjZGFhYmNjY2JiYWNhYmRiZGFiY2RiY2FjY2FhZGRk
        Y2FjY2RjZGNkZGFkYWRjYmJhY2JhY2NhYmNkYmRkZGFiY2FjY2NkYWNkYmRjZGRiYmNkZGJiY2RhYWNiYWJhYmFiY2FkY2JjZGJh
        Y2NhYmFiZGFkYmRiZGJiZGJiYWJiYWFhYWFiY2JjY2JiZGRkY2NjYmJhYmRkYWFjYmFkYWJiYWRkYWFjYmRjYWFhYWNkYWFjYmNj
        Y2FkYmRhY2FkYWRhYmRjYWFjZGNkZGJkY2JjYWJjYWJhZGRkY2NjZGRkYWJhYWJjYmNiZGFkYmRhYWFkYmFhYWNjYWNhY2JjYWRh
        Y2RhZGFjYmRkYWJiYWRkYWRjYmNkYWRjYWFhYWRkYWRkZGFkYWNkZGJkYWJjYWRhZGNiY2FiZGJhZGFkYmFiYmFkYWJhY2RkYmFi
        YmNjYWNhYWNkYmJjYmNhYmNhY2RjY2FkYWRiY2FkZGFiY2NiZGFiY2RhYmRjZGFkYmFiY2NkYWNjY2RkZGFiYmFhZGRhYmFjYmRh
        ZGRiY2FkY2NiYWJjYWNkYmFjY2JkYWRiY2RjY2JhYmNiY2NjY2NhYWJjZGFkZGFkZGNkYWRhYWJiYmRiYWNkYWRjYmJjYmFhY2Ri
        Y2JjYWRhZGNiYmFiZGJjYWJkYmRjZGNjZGRkYmJkY2FiY2FkZGJiZGJhZGFjY2NjYmNjZGRiYWJjZGNhZGJiY2FhZGJkYWFjZGJk
        YWNkYmRiYWJjZGRjY2JkYWRkYWNiZGJhZGNiYWFkYWNiZGNkYmNjZGFkZGJjYmNkYWJkY2FkY2FkYmNiYWNhY2RkYWFkZGRjYmNj
        Y2FhY2JiYWFjZGFjYmRkYmRjZGRiY2RhYQAAAP//AQAA//8=
        """)
    static let mixed = base64("""
        7JZLYt1ACATPyucUOX3oqpHX2cd+tp80M4IGmkZVPds907WzW32f7XxXduZWb3luoXPkvu63b3FYu5N16zmVY3eVc1u3yWIW5n7P
        ztm6+97du811Hj0Ptx6fxf49xNUZvXN3d5YGl4fyrjB5xnCZ1cotbs5sDdCzf9bPSgn+7uLePywRSvYSRQ1JCPY4TbSCigXtEsFZ
        G4yz69HCQJAM+zkwxL4JPRHHvLgwRYwEm9gTLqEkiBHILkGQYsLeVMh/pJtPSgPsPHUegus++U2VigL2S7lA7uqVawO2SCgpTloS
        AogrzySCTnQkaCmpJSLvS2r0/BmKI54bUOyLO+lIDhq32OwgCndit7zuVCvkaTEOxY3Bs9XdZi4PB0B7NGHlYD1iBEcCDkhKOvyH
        titN2Q/+JY29jwoWVULjdZ/T0WMeaGkfSNtfjWRqQeRq7WK/6Bj6Ci/wL85b0tF0B/jP788//6ROr/ihf9NzSXB9PQTLIXzouJZd
        YtAUbIaUITRSpsTRMK7HzNLwTfc9DYJ7+xopqukDiheAKDsQFxZadmVQIP01kgrVq4Qs/TG0MrxqWR6E/aNXCFsgKEX0CwT/dIS+
        BwhL0RtR0soG/CSwpCjh5FwhYatfe/gdhfOoKGGPVhEB4+1Vnjlenxh6Q9LnnSYfjInYGSZM0cT19ApZQTPWyYGcgtpmRhGRUEdH
        q/BjqUqciOu2cyLJolMT2fg0aljMC74ZRUCXB6lrHncMto07PwL+dHRQwmY/nMBUkTwHYot/rSw+F8XC3COW4gItzKLpUVetCRYa
        4WrGmHR4bP0Ga6Gov+P8vxvn62wlyw7bR0+Cg97S6U36ZbQ6Xa30KjvUGsUsR9pQjZGd62DUF2BLd05LDn0FK31QGNrge42gJZ78
        OrqpM/WQ3Emz6aWVHKdWY3VfvkZ8ggOJfvqMCOatNdPh6QwDeBGWpFXZpQ/QlA92y5GmUvj0VQayGZHEMBqaqpEkuoeMv9eD95bD
        6wj0sgVakRJ+f62uxCBKThErqGyMyZc8Ke9fAAAA//8bzegjL6MDAA==
        """)
    static let zeros = base64("""
        7cEBAQAAAIIg/69uSEABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAAACvBg==
        """)
    static let gzip = base64("""
        H4sIAAAAAAACA+2WS2LdQAgEz8rnFDl96KqR19nHfrafNDOCBppGVT3bPdO1s1t9n+18V3bmVm95bqFz5L7ut29xWLuTdes5lWN3
        lXNbt8liFuZ+z87Zuvve3bvNdR49D7cen8X+PcTVGb1zd3eWBpeH8q4wecZwmdXKLW7ObA3Qs3/Wz0oJ/u7i3j8sEUr2EkUNSQj2
        OE20gooF7RLBWRuMs+vRwkCQDPs5MMS+CT0Rx7y4MEWMBJvYEy6hJIgRyC5BkGLC3lTIf6SbT0oD7Dx1HoLrPvlNlYoC9ku5QO7q
        lWsDtkgoKU5aEgKIK88kgk50JGgpqSUi70tq9PwZiiOeG1DsizvpSA4at9jsIAp3Yre87lQr5GkxDsWNwbPV3WYuDwdAezRh5WA9
        YgRHAg5ISjr8h7YrTdkP/iWNvY8KFlVC43Wf09FjHmhpH0jbX41kakHkau1iv+gY+gov8C/OW9LRdAf4z+/PP/+kTq/4oX/Tc0lw
        fT0EyyF86LiWXWLQFGyGlCE0UqbE0TCux8zS8E33PQ2Ce/saKarpA4oXgCg7EBcWWnZlUCD9NZIK1auELP0xtDK8alkehP2jVwhb
        IChF9AsE/3SEvgcIS9EbUdLKBvwksKQo4eRcIWGrX3v4HYXzqChhj1YRAePtVZ45Xp8YekPS550mH4yJ2BkmTNHE9fQKWUEz1smB
        nILaZkYRkVBHR6vwY6lKnIjrtnMiyaJTE9n4NGpYzAu+GUVAlwepax53DLaNOz8C/nR0UMJmP5zAVJE8B2KLf60sPhfFwtwjluIC
        Lcyi6VFXrQkWGuFqxph0eGz9BmuhqL/j/L8b5+tsJcsO20dPgoPe0ulN+mW0Ol2t9Co71BrFLEfaUI2Rnetg1BdgS3dOSw59BSt9
        UBja4HuNoCWe/Dq6qTP1kNxJs+mllRynVmN1X75GfIIDiX76jAjmrTXT4ekMA3gRlqRV2aUP0JQPdsuRplL49FUGshmRxDAamqqR
        JLqHjL/Xg/eWw+sI9LIFWpESfn+trsQgSk4RK6hsjMmXPCnvX4oGWl24CwAA
        """)
    static let gzip2 = base64("""
        H4sIAAAAAAACA72TiQHDMAgDZ+WZotNXd7grtEkTG7CQgFT1bPdM185uda5t3oVnYo15YmhC8srdMY62RFbsRBGWFXFbcWrEMLmD
        E6zse3ezZc3RZIidnKU/h1wFNHHZBWlMGZZZCRkwU2IttqYJbI3U8Qc9KHXksyP9/UVSCj5U1FgEuJMUtUcKhMNVQdBGcL0XWgLA
        ZPQTMGpfpKMY+OMllBoVi3bkKgURc0R2FWGJlb106B6W24vWSJtTyQCvXNx0qWxgv5IfkaxeuxayZUEtMWVBgoyLMyho1FmgtaXX
        Iuu+luYy/4BI5LmRxT7dlIMatGnFbBgxO+DWrZtuMTx9HMfmAhis7r7KcRgCfaHIIrDeYMADwZC0pePTsd0bU/3wX8vY+0bhmnoD
        bdZ9SecycqBv7KG0/evRTWo5yNWHK375xfhdmcX5I3nf0PnRhfDnD78vdnC/ROgDAAAfiwgAAAAAAAID3ZWJYQQxCANr5aki1YcZ
        eVNENt+ejUFIwvn5+R/P7k733Bcv0zU8u/fS/NTU7dTe4v29p7fu0+1cePG4eWE199a3PHxfyD2dddLcwpJz2WPlqm41r02JubM5
        0EnJ2lBMiGS+8H17Fxkg95u6Q6ZgnW/BXopQ4F5v94Dwci01+naX1pejY+9N87c5ayUgmXNcuugKyrWjRLDs53BhkQGgPFrXjr9Q
        SpAunPtSYAsQYjgF0fsStSf8IOnzouUDdkg3hAppnjJ+DFOQX9ZBKlFfDADL+hUk0Bh9IlUF5xjZk0PIOHIlMFHRdcF8/m7JfSVH
        jMDx6uDZj3kT6TAC6Eu69IfFoF/vRBjxb5S1JmZ4Qj5jdZiuuIvepYc8LypyEZemJLA0P+2tzXlQ0lBjnida7V8fD9eavZMEiMzA
        uNYbxUS/se2zbH0+nhjxqwqkEK4+1HgTAVPlLJKUEbVLR8lOmUmbcEsyHSjLbJijT2jAEjEAIqyK+GOm8JEBdCRhTOHCZUBNfXnt
        wBkiubsJVYXPwZOAsXep1Tfo3xHr69FmdeR+M+V4RtG1CSm2bacsv6TbL6SJ0JDAoDj3fDvDCtiP8gB5NoyMeY9959nT5rR37OQd
        IPGjjpVUAkz61KVh53ZUY+JODfbVEmyl3DrVBn2CVWoojGPgLHlPa3+xeI9LjRdWxdzQHHodJY8/NTblDdLtmQdM9DdndjBvrf3v
        8O6Z9dLwYoHWXLvOgXfKB7vjkVYpa3oriK3TUYyRbhyq9kpyemRcS8aQogQs9soIdC6pwO9v1HPFeCnlv0gUzLUxIT/mQd5f3kuV
        eNAHAAA=
        """)
    static let gzipflags = base64("""
        H4sIH9IClkkCAwYAQUICAGhpZGlnaXRzLnR4dABhIGNvbW1lbnQAuuDtlkti3UAIBM/K5xQ5feiqkdfZx362nzQzggaaRlU92z3T
        tbNbfZ/tfFd25lZveW6hc+S+7rdvcVi7k3XrOZVjd5VzW7fJYhbmfs/O2br73t27zXUePQ+3Hp/F/j3E1Rm9c3d3lgaXh/KuMHnG
        cJnVyi1uzmwN0LN/1s9KCf7u4t4/LBFK9hJFDUkI9jhNtIKKBe0SwVkbjLPr0cJAkAz7OTDEvgk9Ece8uDBFjASb2BMuoSSIEcgu
        QZBiwt5UyH+km09KA+w8dR6C6z75TZWKAvZLuUDu6pVrA7ZIKClOWhICiCvPJIJOdCRoKaklIu9LavT8GYojnhtQ7Is76UgOGrfY
        7CAKd2K3vO5UK+RpMQ7FjcGz1d1mLg8HQHs0YeVgPWIERwIOSEo6/Ie2K03ZD/4ljb2PChZVQuN1n9PRYx5oaR9I21+NZGpB5Grt
        Yr/oGPoKL/AvzlvS0XQH+M/vzz//pE6v+KF/03NJcH09BMshfOi4ll1i0BRshpQhNFKmxNEwrsfM0vBN9z0Ngnv7Gimq6QOKF4Ao
        OxAXFlp2ZVAg/TWSCtWrhCz9MbQyvGpZHoT9o1cIWyAoRfQLBP90hL4HCEvRG1HSygb8JLCkKOHkXCFhq197+B2F86goYY9WEQHj
        7VWeOV6fGHpD0uedJh+MidgZJkzRxPX0CllBM9bJgZyC2mZGEZFQR0er8GOpSpyI67ZzIsmiUxPZ+DRqWMwLvhlFQJcHqWsedwy2
        jTs/Av50dFDCZj+cwFSRPAdii3+tLD4XxcLcI5biAi3MoulRV60JFhrhasaYdHhs/QZroai/4/y/G+frbCXLDttHT4KD3tLpTfpl
        tDpdrfQqO9QaxSxH2lCNkZ3rYNQXYEt3TksOfQUrfVAY2uB7jaAlnvw6uqkz9ZDcSbPppZUcp1ZjdV++RnyCA4l++owI5q010+Hp
        DAN4EZakVdmlD9CUD3bLkaZS+PRVBrIZkcQwGpqqkSS6h4y/14P3lsPrCPSyBVqREn5/ra7EIEpOESuobIzJlzwp71+KBlpduAsA
        AA==
        """)
    static let npy_f4 = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAACDAAADAvwAAAL8AAAA/AADAPwAA
        IEA=
        """)
    static let npy_u1 = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsIDIsIDIpLCB9ICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAFCg8UGR4jKC0yNw=
        """)
    static let npy_f8 = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAD4PwAAAAAAAALAnHUAiDzk
        N34=
        """)
    static let npy_i8 = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr9/////////wAAAAAAAAAABwAAAAAA
        AAAAAAAAAAEAAA==
        """)
    static let npy_i4 = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIpLCB9ICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAAA/v///wMAAAD8////
        """)
    static let npy_i2 = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPGkyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIArU/iwB
        """)
    static let npy_i1 = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnfGkxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqAfw==
        """)
    static let npy_be = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPmY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/gAAAvwAAAEBQAAA=
        """)
    static let npy_fortran = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMywgNCksIH0gICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAADAAAAAQAAAAQAAAACAAAABQA
        AAABAAAADQAAAAUAAAARAAAACQAAABUAAAACAAAADgAAAAYAAAASAAAACgAAABYAAAADAAAADwAAAAcAAAATAAAACwAAABcAAAA=
        """)
    static let npy_v2 = base64("""
        k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoNCwpLCB9ICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAACAPwAAAEAAAEBA
        """)
    static let npy_v3 = base64("""
        k05VTVBZAwB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoNCwpLCB9ICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAACAPwAAAEAAAEBA
        """)
    static let npy_scalar = base64("""
        k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAJBA
        """)
    static let npz_stored = base64("""
        UEsDBC0AAAAAAAAAIQA6IyRt//////////8FABQAeC5ucHkBABAAsAAAAAAAAACwAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzog
        JzxmNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCA0KSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAAAAAAAAD4AAIA+AADAPgAAAD8AACA/AABAPwAAYD8AAIA/AACQPwAA
        oD8AALA/UEsDBC0AAAAAAAAAIQCKGs4T//////////8FABQAeS5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rl
        c2NyJzogJzxpOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAgAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAUEsBAi0DLQAAAAAA
        AAAhADojJG2wAAAAsAAAAAUAAAAAAAAAAAAAAIABAAAAAHgubnB5UEsBAi0DLQAAAAAAAAAhAIoazhOYAAAAmAAAAAUAAAAAAAAA
        AAAAAIAB5wAAAHkubnB5UEsFBgAAAAACAAIAZgAAALYBAAAAAA==
        """)
    static let npz_compressed = base64("""
        UEsDBC0AAAAIAAAAIQBVRDlK//////////8FABQAeC5ucHkBABAAlAAAAAAAAABdAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6l
        oF5Taqiuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GqY6CkZApKmjUKtAHuBi4JVSN3H0i84obeqfs3Lb4Qt3X30HAFBL
        AwQtAAAACAAAACEAEWmcO///////////CgAUAGxhYmVscy5ucHkBABAAhQAAAAAAAABJAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxc
        pG6loF5Taqiuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GqY6mjoKtQoUAC5ODnY2VgBQSwECLQMtAAAACAAAACEAVUQ5
        Sl0AAACUAAAABQAAAAAAAAAAAAAAgAEAAAAAeC5ucHlQSwECLQMtAAAACAAAACEAEWmcO0kAAACFAAAACgAAAAAAAAAAAAAAgAGU
        AAAAbGFiZWxzLm5weVBLBQYAAAAAAgACAGsAAAAZAQAAAAA=
        """)
    static let npz_keras = base64("""
        UEsDBC0AAAAIAAAAIQBVRDlK//////////8KABQAeF90ZXN0Lm5weQEAEACUAAAAAAAAAF0AAAAAAAAAm+wX6hsQychQxlCtnpJa
        nFykbqWgXlNqqK6joJ6WX1RSlJgXn1+UkgoSd0vMKU4FihdnJBakAvkapjoKRkCkqaNQq0Ae4GLglVI3cfSLziht6p+zctvhC3df
        fQcAUEsDBC0AAAAIAAAAIQDqCG5R//////////8KABQAeV90ZXN0Lm5weQEAEACFAAAAAAAAAEkAAAAAAAAAm+wX6hsQychQxlCt
        npJanFykbqWgXlNqqK6joJ6WX1RSlJgXn1+UkgoSd0vMKU4FihdnJBakAvkapjqaOgq1ChQALkYmZhZWAFBLAwQtAAAACAAAACEA
        SAZcdP//////////CwAUAHhfdHJhaW4ubnB5AQAQAIgAAAAAAAAATwAAAAAAAACb7BfqGxDJyFDGUK2eklqcXKRupaBeU2qorqOg
        npZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RpGOgogpKmjUKtAHuBi4JVSN3H0iwYAUEsDBC0AAAAIAAAAIQCZYnff////////
        //8LABQAeV90cmFpbi5ucHkBABAAggAAAAAAAABGAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loF5Taqiuo6Cell9UUpSYF59f
        lJIKEndLzClOBYoXZyQWpAL5GkY6mjoKtQoUAC4GRgBQSwECLQMtAAAACAAAACEAVUQ5Sl0AAACUAAAACgAAAAAAAAAAAAAAgAEA
        AAAAeF90ZXN0Lm5weVBLAQItAy0AAAAIAAAAIQDqCG5RSQAAAIUAAAAKAAAAAAAAAAAAAACAAZkAAAB5X3Rlc3QubnB5UEsBAi0D
        LQAAAAgAAAAhAEgGXHRPAAAAiAAAAAsAAAAAAAAAAAAAAIABHgEAAHhfdHJhaW4ubnB5UEsBAi0DLQAAAAgAAAAhAJlid99GAAAA
        ggAAAAsAAAAAAAAAAAAAAIABqgEAAHlfdHJhaW4ubnB5UEsFBgAAAAAEAAQA4gAAAC0CAAAAAA==
        """)
    static let npz_onehot = base64("""
        UEsDBC0AAAAAAAAAIQCeyJnR//////////8FABQAWC5ucHkBABAAsAAAAAAAAACwAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzog
        JzxmOCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCAyKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAAAAAAA8D8AAAAAAADwPwAAAAAAAPA/AAAAAAAA8D8AAAAAAADwPwAA
        AAAAAPA/UEsDBC0AAAAAAAAAIQBCkclB//////////8FABQAeS5ucHkBABAAsAAAAAAAAACwAAAAAAAAAJNOVU1QWQEAdgB7J2Rl
        c2NyJzogJzxmNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCA0KSwgfSAgICAgICAgICAgICAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAAAAAAAAAAAAAAAAACAPwAAgD8AAAAAAAAAAAAAAAAAAAAA
        AAAAAAAAgD8AAAAAUEsBAi0DLQAAAAAAAAAhAJ7ImdGwAAAAsAAAAAUAAAAAAAAAAAAAAIABAAAAAFgubnB5UEsBAi0DLQAAAAAA
        AAAhAEKRyUGwAAAAsAAAAAUAAAAAAAAAAAAAAIAB5wAAAHkubnB5UEsFBgAAAAACAAIAZgAAAM4BAAAAAA==
        """)
    static let npz_badlabels = base64("""
        UEsDBC0AAAAAAAAAIQD+SKYF//////////8FABQAeC5ucHkBABAAmAAAAAAAAACYAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzog
        JzxmNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCAyKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAg
        ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAACAPwAAgD8AAIA/AACAPwAAgD8AAIA/UEsDBC0AAAAAAAAAIQAM/Bzp
        //////////8FABQAeS5ucHkBABAAkAAAAAAAAACQAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpOCcsICdmb3J0cmFuX29y
        ZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg
        ICAgICAgICAgICAgICAKAQAAAAAAAAACAAAAAAAAAFBLAQItAy0AAAAAAAAAIQD+SKYFmAAAAJgAAAAFAAAAAAAAAAAAAACAAQAA
        AAB4Lm5weVBLAQItAy0AAAAAAAAAIQAM/BzpkAAAAJAAAAAFAAAAAAAAAAAAAACAAc8AAAB5Lm5weVBLBQYAAAAAAgACAGYAAACW
        AQAAAAA=
        """)

    static func base64(_ text: String) -> [UInt8] {
        [UInt8](Data(base64Encoded: text.filter { !$0.isWhitespace })!)
    }
}
