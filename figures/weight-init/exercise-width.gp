# exercise-width.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot exercise-width.gp                  writes exercise-width.png and exercise-width.svg
#   gnuplot -c exercise-width.gp terminal      draws it in the terminal
#   gnuplot -c exercise-width.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'exercise-width.png'
svg_file = (ARGC > 2) ? ARG3 : 'exercise-width.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,500 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,500 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,30 noenhanced; set output }
  set multiplot layout 1,2 title 'Exercise 2: spread of each layer''s outputs at two widths (dashed: ReLU)'
  # — panel '100 units per layer' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '100 units per layer'; set xlabel 'layer'; set ylabel 'standard deviation of aₖ'
  set xrange [0.5:5.5]; set yrange [1e-06:1]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  set key default; set key bottom left opaque
  plot 'exercise-width.dat' using 1:3 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-1', \
       'exercise-width.dat' using 1:5 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-0.01', \
       'exercise-width.dat' using 1:7 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-xavier', \
       'exercise-width.dat' using 1:9 with linespoints lw 1.5 pi 1 ps 1 title 'tanh-xavier', \
       'exercise-width.dat' using 1:11 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-std-0.01', \
       'exercise-width.dat' using 1:13 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-xavier', \
       'exercise-width.dat' using 1:15 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-he'
  # — panel '1000 units per layer' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '1000 units per layer'; set xlabel 'layer'; set ylabel 'standard deviation of aₖ'
  set xrange [0.5:5.5]; set yrange [1e-06:1]
  set format x '% h'
  set format y '% h'
  set logscale y; set format y '%g'
  unset key
  plot 'exercise-width.dat' using 1:4 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-1', \
       'exercise-width.dat' using 1:6 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-std-0.01', \
       'exercise-width.dat' using 1:8 with linespoints lw 1.5 pi 1 ps 1 title 'sigmoid-xavier', \
       'exercise-width.dat' using 1:10 with linespoints lw 1.5 pi 1 ps 1 title 'tanh-xavier', \
       'exercise-width.dat' using 1:12 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-std-0.01', \
       'exercise-width.dat' using 1:14 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-xavier', \
       'exercise-width.dat' using 1:16 with linespoints lw 1.5 pi 1 ps 1 dt 2 title 'relu-he'
  unset multiplot
  set output
}
