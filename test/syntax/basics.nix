# Line comment: keywords, constants, numbers and operators.
/* A block comment
   over two lines, with "quotes" and ${not-interpolation} */
let
  inherit (builtins) length;
  n = 42;
  f = 1.5e3 + .5 - 0.25 * 3 / 2;
  on = true && !false || null == null;
  cmp = n != 1 && n <= 2 && n >= 3 && n < 4 && n > 5;
  implies = on -> false;
  merged = { a = 1; } // { b = 2; };
  list = [ 1 2 ] ++ [ "three" n (f + 1) ];
  hasA = merged ? a;
  deep = merged.a.b or "default";
  x-1 = n;
  x' = x-1 - 1;
  in-place = rec { a = 1; b = a; };
in
assert n > 0;
with builtins;
if length list == 4 then map (x: x * 2) list else throw "unreachable"
