# grid-vs-random.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot grid-vs-random.gp                  writes grid-vs-random.png and grid-vs-random.svg
#   gnuplot -c grid-vs-random.gp terminal      draws it in the terminal
#   gnuplot -c grid-vs-random.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'grid-vs-random.png'
svg_file = (ARGC > 2) ? ARG3 : 'grid-vs-random.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1300,520 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1300,520 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,30 noenhanced; set output }
  set multiplot layout 1,2
  # — panel 'Validation accuracy against learning rate: the grid tries 4 values of η, random trials one each' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Validation accuracy against learning rate: the grid tries 4 values of η, random trials one each'; set xlabel 'learning rate'; set ylabel 'final validation accuracy'
  set xrange [0.001:0.01]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'; set xtics add (0.002, 0.005)
  set key default; set key bottom right opaque
  plot 'trials.dat' using 2:($6 > 0 ? 1/0 : $4) with points pt 7 ps 0.6 lc rgb '#1f77b4' title 'random trials', \
       'grid.dat' using 1:($5 > 0 ? 1/0 : $3) with points pt 7 ps 0.6 lc rgb '#d62728' title '4 × 4 grid'
  # — panel 'Best of 16 trials: the grid (search 0) and 6 random searches' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best of 16 trials: the grid (search 0) and 6 random searches'; set xlabel 'search (0 = grid, then random groups)'; set ylabel 'best validation accuracy'
  set xrange [-0.5:6.5]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  unset key
  plot 'grid-vs-random.dat' using 1:2 with boxes lc rgb '#1f77b4' notitle
  unset multiplot
  set output
}
